package io.r2orm.r2dbc.docs.transactions;

import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.Table;

/** A note, for the rollback-only example. */
@Table("tx_note")
record TxNote(@Id Long id, String text) {
  static TxNote of(String text) {
    return new TxNote(null, text);
  }
}
