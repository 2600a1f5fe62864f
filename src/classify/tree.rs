//! The shape of the article model's trees: what `model_trees.rs` holds (written by
//! `tools/fit_model.py`) and `article.rs` walks.

/// Levels of splits in every tree. `tools/fit_model.py` fits trees this deep (it checks), and
/// trees of another depth do not fit [`Tree`]'s arrays, so a mismatch cannot compile.
pub(crate) const DEPTH: usize = 5;

/// Splits in every tree.
pub(crate) const SPLITS: usize = (1 << DEPTH) - 1;

/// One of the model's trees, made perfect: `DEPTH` levels of splits in heap order (the
/// children of split `k` are `2k + 1` and `2k + 2`, then the leaves). At split `k`, the walk
/// goes right when feature `features[k]` is above `thresholds[k]`; a split whose threshold
/// is infinite always goes left (the fitted tree had a leaf there, copied below it). Every
/// walk takes the same `DEPTH` steps and no branch.
pub(crate) struct Tree {
    pub features: [u8; SPLITS],
    pub thresholds: [f32; SPLITS],
    pub leaves: [f32; SPLITS + 1],
}
