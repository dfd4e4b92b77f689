package io.r2orm.r2dbc.docs.mapping;

import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.Table;
import io.r2orm.core.annotation.Version;
import java.time.LocalDateTime;

// mapping.md: a timestamp version
@Table("actor")
public record Actor(@Id Long id, String name, @Version LocalDateTime lastUpdate) {}
