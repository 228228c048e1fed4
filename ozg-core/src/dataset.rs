//! Module `dataset` (being written).
