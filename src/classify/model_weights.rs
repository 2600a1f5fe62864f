//! Weights of the article model, written by `tools/fit_model.py`; do not edit by hand.
//! Fitted on 3133 dev-corpus documents (363003 blocks).

/// The logit's constant term.
pub(crate) const BIAS: f32 = -0.042920064;

/// One weight per feature, in the order of `Feature`.
pub(crate) const WEIGHTS: [f32; 40] = [
    0.29254654,   // log_chars
    -0.4052065,   // log_words
    0.9652488,    // density
    -0.23254876,  // density_rel
    0.23298363,   // ends_sentence
    -0.6947984,   // list_marker
    -0.57582814,  // caps_ratio
    0.13463171,   // digit_ratio
    -0.7741218,   // has_url
    -0.85626984,  // has_handle
    -3.0208275,   // phrase_coverage
    -0.010166948, // has_phrase
    0.14780094,   // same_script
    -0.6679497,   // gap_before
    -0.0079424,   // tiny
    -0.1843113,   // long_prose
    0.056019414,  // prev_log_chars
    -0.1294517,   // prev_density
    0.26481143,   // prev_ends_sentence
    -0.026935888, // prev_long_prose
    0.061686203,  // next_log_chars
    -0.006120987, // next_density
    0.14048956,   // next_ends_sentence
    -0.15353554,  // next_long_prose
    0.15809342,   // prev2_long_prose
    0.041888893,  // next2_long_prose
    0.56384194,   // long_prose_window3
    0.18122935,   // long_prose_window10
    0.1568086,    // position
    -0.1568086,   // position_from_end
    -0.18174942,  // log_blocks
    0.33199105,   // repeated
    0.17489596,   // has_stoplist
    -0.42053202,  // prose_before
    0.42053202,   // prose_after
    0.5190473,    // inside_prose
    -0.4463287,   // log_prose_distance
    -0.1843113,   // at_prose
    0.043572176,  // near_prose
    -0.3845897,   // log_short_run
];
