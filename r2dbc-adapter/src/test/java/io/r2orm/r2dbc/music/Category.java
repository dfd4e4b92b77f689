package io.r2orm.r2dbc.music;

import io.r2orm.core.annotation.Column;
import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.OneToMany;
import io.r2orm.core.annotation.Table;
import java.util.List;

/** A tree whose key is a plain column ({@code parentId}) rather than a {@code Ref}. */
@Table("category")
public record Category(
    @Id Long id,
    String name,
    @Column("parent_id") Long parentId,
    @OneToMany(mappedBy = "parentId") List<Category> children) {}
