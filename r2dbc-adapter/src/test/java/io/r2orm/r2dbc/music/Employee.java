package io.r2orm.r2dbc.music;

import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.ManyToOne;
import io.r2orm.core.annotation.OneToMany;
import io.r2orm.core.annotation.Table;
import io.r2orm.core.query.Ref;
import java.util.List;

/** A self reference both ways: a manager and the reports. */
@Table("employee")
public record Employee(
    @Id Long id,
    String name,
    @ManyToOne Ref<Employee> manager,
    @OneToMany(mappedBy = "manager") List<Employee> reports) {}
