//! Module `service` (being written).
