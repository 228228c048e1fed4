//! Module `channel` (being written).
