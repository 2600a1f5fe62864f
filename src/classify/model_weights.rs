//! Weights of the article model, written by `tools/fit_model.py`; do not edit by hand.
//! Fitted on 3133 dev-corpus documents (363003 blocks).

/// The logit's constant term.
pub(crate) const BIAS: f32 = -0.07058106;

/// One weight per feature, in the order of `Feature`.
pub(crate) const WEIGHTS: [f32; 40] = [
    0.2962379,     // log_chars
    -0.41233644,   // log_words
    0.9589023,     // density
    -0.22834478,   // density_rel
    0.23510595,    // ends_sentence
    -0.7006303,    // list_marker
    -0.57689315,   // caps_ratio
    0.13729365,    // digit_ratio
    -0.7683611,    // has_url
    -0.8581863,    // has_handle
    -3.0252173,    // phrase_coverage
    -0.0040048393, // has_phrase
    0.16526736,    // same_script
    -0.6611035,    // gap_before
    -0.004538291,  // tiny
    -0.18279584,   // long_prose
    0.056145463,   // prev_log_chars
    -0.13204978,   // prev_density
    0.26533583,    // prev_ends_sentence
    -0.028381115,  // prev_long_prose
    0.061360035,   // next_log_chars
    -0.0046779504, // next_density
    0.13754214,    // next_ends_sentence
    -0.1521678,    // next_long_prose
    0.15643121,    // prev2_long_prose
    0.040218905,   // next2_long_prose
    0.56347024,    // long_prose_window3
    0.19291295,    // long_prose_window10
    0.15633851,    // position
    -0.15633851,   // position_from_end
    -0.1824355,    // log_blocks
    0.32858273,    // repeated
    0.17755018,    // has_stoplist
    -0.42070022,   // prose_before
    0.42070022,    // prose_after
    0.52061784,    // inside_prose
    -0.44138643,   // log_prose_distance
    -0.18279584,   // at_prose
    0.051822532,   // near_prose
    -0.3849694,    // log_short_run
];
