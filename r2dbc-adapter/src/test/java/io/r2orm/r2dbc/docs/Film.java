package io.r2orm.r2dbc.docs;

import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.Table;
import java.util.List;

/** A film with an array column. */
@Table("film")
public record Film(@Id Long id, String title, List<String> specialFeatures) {}
