//! Module `id` (being written).
