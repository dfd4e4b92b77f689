package io.r2orm.r2dbc.docs.mapping;

import io.r2orm.core.annotation.Column;
import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.Table;
import java.time.LocalDateTime;

// mapping.md: columns r2orm does not write
@Table("rental")
public record Rental(@Id Long id, String note,
    @Column(insertable = false, updatable = false) LocalDateTime createdAt,   // DEFAULT now(), or generated
    @Column(updatable = false, nullable = false) String tenant) {}  // a distribution key: never in UPDATE … SET
