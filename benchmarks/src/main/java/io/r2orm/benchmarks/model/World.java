package io.r2orm.benchmarks.model;

import io.r2orm.core.annotation.Column;
import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.Table;

/** TechEmpower's {@code World} row: an id and a random number, 10,000 of them. */
@Table("world")
public record World(@Id Integer id, @Column("randomnumber") int randomNumber) {}
