//! Weights of the article model, written by `tools/fit_model.py`; do not edit by hand.
//! Fitted on 3133 dev-corpus documents (363003 blocks).

/// The logit's constant term.
pub(crate) const BIAS: f32 = -0.7477837;

/// One weight per feature, in the order of `Feature`.
pub(crate) const WEIGHTS: [f32; 40] = [
    0.2965767,     // log_chars
    -0.4087047,    // log_words
    0.94334257,    // density
    -0.22602136,   // density_rel
    0.22921959,    // ends_sentence
    -0.7013512,    // list_marker
    -0.5729761,    // caps_ratio
    0.072953776,   // digit_ratio
    -0.77342683,   // has_url
    -0.8580805,    // has_handle
    -3.0283947,    // phrase_coverage
    -0.0051617404, // has_phrase
    0.6502612,     // same_script
    -0.66263765,   // gap_before
    -0.0034719028, // tiny
    -0.18448627,   // long_prose
    0.05602783,    // prev_log_chars
    -0.13315445,   // prev_density
    0.265014,      // prev_ends_sentence
    -0.027105851,  // prev_long_prose
    0.060784176,   // next_log_chars
    -0.0043351846, // next_density
    0.14003474,    // next_ends_sentence
    -0.15302181,   // next_long_prose
    0.15765186,    // prev2_long_prose
    0.0406648,     // next2_long_prose
    0.5649408,     // long_prose_window3
    0.18347102,    // long_prose_window10
    0.15645197,    // position
    -0.15645197,   // position_from_end
    -0.18162279,   // log_blocks
    0.325889,      // repeated
    0.37178224,    // has_stoplist
    -0.42080915,   // prose_before
    0.42080915,    // prose_after
    0.5204661,     // inside_prose
    -0.44381714,   // log_prose_distance
    -0.18448627,   // at_prose
    0.048717733,   // near_prose
    -0.38769928,   // log_short_run
];
