//! Module `catalogue` (being written).
