package io.r2orm.r2dbc.scaleout;

/**
 * Which server a statement ran on: {@code SELECT pg_is_in_recovery() AS standby, inet_server_port()
 * AS port}.
 */
public record Where(Boolean standby, Integer port) {
  static final String SQL = "SELECT pg_is_in_recovery() AS standby, inet_server_port() AS port";
}
