package io.r2orm.r2dbc.docs.mapping;

import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.Table;
import java.util.List;

// mapping.md: arrays
@Table("film")
record Film(@Id Long id, String title, List<String> specialFeatures, int[] scores) {}
