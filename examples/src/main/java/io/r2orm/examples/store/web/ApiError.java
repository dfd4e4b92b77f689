package io.r2orm.examples.store.web;

/**
 * The JSON body of every error the API answers: {@code {"status": 404, "error": "Not Found",
 * "message": "No artist with id 9999", "path": "/api/artists/9999"}}.
 *
 * @param status the HTTP status code
 * @param error the status's reason phrase
 * @param message what went wrong, for a human
 * @param path the request path
 */
public record ApiError(int status, String error, String message, String path) {}
