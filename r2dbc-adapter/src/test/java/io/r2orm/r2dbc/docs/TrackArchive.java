package io.r2orm.r2dbc.docs;

import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.Table;

/** Where long tracks are copied by INSERT … SELECT. */
@Table("track_archive")
public record TrackArchive(@Id Long id, String title, int millis) {}
