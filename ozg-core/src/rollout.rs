//! Module `rollout` (being written).
