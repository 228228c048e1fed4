//! The cache of start tags parsed before.

use super::TagBuf;
use super::chars::eq_bytes;

/// Longest start tag (in bytes, `<` to `>`) the tag cache keeps.
pub(super) const TAG_CACHE_MAX_LEN: usize = 256;
pub(super) const TAG_CACHE_SLOTS: usize = 256;

/// Start tags parsed before, by their exact bytes: a document repeats the same tags
/// (`<xzufi:inhalt languageCode="de">`) over and over, and a tag that is byte for byte one that
/// was parsed and checked before has the same name and attributes. Only tags whose first `>` is
/// their end are stored, so a lookup with the bytes up to the first `>` finds exactly them.
pub(super) struct TagCache {
    slots: Vec<TagSlot>,
}

#[derive(Default)]
pub(super) struct TagSlot {
    bytes: Vec<u8>,
    tag: TagBuf,
    empty: bool,
}

impl TagCache {
    pub(super) fn new() -> Self {
        TagCache {
            slots: (0..TAG_CACHE_SLOTS).map(|_| TagSlot::default()).collect(),
        }
    }

    /// Slot of a tag by its length and its first and last eight bytes (all tags start alike).
    #[inline]
    fn slot(bytes: &[u8]) -> usize {
        let n = bytes.len();
        let (head, tail) = if n >= 8 {
            let word = |at: usize| {
                let mut w = [0u8; 8];
                w.copy_from_slice(&bytes[at..at + 8]);
                u64::from_le_bytes(w)
            };
            (word(0), word(n - 8))
        } else {
            let w = bytes.iter().fold(0u64, |w, &b| (w << 8) | u64::from(b));
            (w, 0)
        };
        let h = (n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)
            ^ head.wrapping_mul(0xC2B2_AE3D_27D4_EB4F)
            ^ tail.wrapping_mul(0x1656_67B1_9E37_79F9);
        (h >> 56) as usize % TAG_CACHE_SLOTS
    }

    /// Fills `tag` from the cache when `bytes` (from `<` to the first `>`) is a known tag;
    /// returns whether it is an empty-element tag.
    #[inline]
    pub(super) fn lookup(&self, bytes: &[u8], tag: &mut TagBuf) -> Option<bool> {
        let s = &self.slots[Self::slot(bytes)];
        if !eq_bytes(&s.bytes, bytes) {
            return None;
        }
        tag.buf.clear();
        tag.buf.push_str(&s.tag.buf);
        tag.name = s.tag.name.clone();
        tag.colon = s.tag.colon;
        tag.attrs.clear();
        tag.attrs.extend_from_slice(&s.tag.attrs);
        Some(s.empty)
    }

    /// Remembers a tag that was parsed and checked (`bytes` from `<` to `>`).
    pub(super) fn insert(&mut self, bytes: &[u8], tag: &TagBuf, empty: bool) {
        let n = bytes.len();
        if !(2..=TAG_CACHE_MAX_LEN).contains(&n) || memchr::memchr(b'>', &bytes[..n - 1]).is_some()
        {
            return;
        }
        let s = &mut self.slots[Self::slot(bytes)];
        s.bytes.clear();
        s.bytes.extend_from_slice(bytes);
        s.tag.buf.clone_from(&tag.buf);
        s.tag.name = tag.name.clone();
        s.tag.colon = tag.colon;
        s.tag.attrs.clone_from(&tag.attrs);
        s.empty = empty;
    }
}
