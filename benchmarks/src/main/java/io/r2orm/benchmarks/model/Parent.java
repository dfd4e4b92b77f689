package io.r2orm.benchmarks.model;

import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.OneToMany;
import io.r2orm.core.annotation.Table;
import java.util.List;

/** A parent with its children (ten each in the data set); raw and JDBC code build it by hand. */
@Table("parent")
public record Parent(
    @Id Long id, String name, @OneToMany(mappedBy = "parentId") List<Child> children) {}
