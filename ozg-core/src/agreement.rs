//! Module `agreement` (being written).
