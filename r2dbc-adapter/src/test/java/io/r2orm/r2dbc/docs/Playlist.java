package io.r2orm.r2dbc.docs;

import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.Table;

/** A playlist, linked to tracks through playlist_track. */
@Table("playlist")
public record Playlist(@Id Long id, String name) {}
