package io.r2orm.r2dbc.docs.relationships;

import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.ManyToMany;
import io.r2orm.core.annotation.ManyToOne;
import io.r2orm.core.annotation.OneToMany;
import io.r2orm.core.annotation.OneToOne;
import io.r2orm.core.annotation.Table;
import io.r2orm.core.query.Ref;
import java.util.List;

@Table("employee")
record Employee(@Id Long id, String name,
    @ManyToOne Ref<Employee> manager,                       // self references work as any other
    @OneToMany(mappedBy = "manager") List<Employee> reports) {}
