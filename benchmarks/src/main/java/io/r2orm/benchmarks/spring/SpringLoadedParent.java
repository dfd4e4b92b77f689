package io.r2orm.benchmarks.spring;

import java.util.List;

/** A Spring-mapped parent with the children the benchmark code loaded for it. */
public record SpringLoadedParent(SpringParent parent, List<SpringChild> children) {}
