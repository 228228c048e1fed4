//! Module `code` (being written).
