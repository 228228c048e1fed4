//! Module `finding` (being written).
