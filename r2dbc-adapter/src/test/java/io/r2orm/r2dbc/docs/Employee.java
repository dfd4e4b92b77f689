package io.r2orm.r2dbc.docs;

import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.ManyToOne;
import io.r2orm.core.annotation.Table;
import io.r2orm.core.query.Ref;

/** An employee and their manager (a self reference). */
@Table("employee")
public record Employee(@Id Long id, String name, @ManyToOne Ref<Employee> manager) {}
