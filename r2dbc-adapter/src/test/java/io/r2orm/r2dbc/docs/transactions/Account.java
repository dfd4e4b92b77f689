package io.r2orm.r2dbc.docs.transactions;

import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.Table;
import java.math.BigDecimal;

/** An account, for the retry example. */
@Table("account")
record Account(@Id Long id, BigDecimal balance) {}
