#!/usr/bin/env python3
"""Fit deboiler's article model: gradient-boosted trees over block features.

1. Dump the blocks of the dev corpus with the rules' verdicts (needs ../shared/corpus):
     DEBOILER_DUMP=/tmp/blocks.tsv cargo test --release --lib dump -- --ignored
2. Fit, report site-grouped cross-validated F1, and write src/classify/model_trees.rs:
     python3 tools/fit_model.py /tmp/blocks.tsv
Needs numpy and scikit-learn (written against 1.9.1: the trees are read from its
private `_predictors`, and the export is checked against `decision_function`, so a change there
fails loudly rather than silently). The features here mirror `features()` in src/classify/article.rs
exactly; change both together. The label of a block is whether its line is a line of the gold
article body; blocks are weighted by the square root of their word count (the metric counts
tokens). Every page comes twice: whole, and cut to three lines around its gold body (an article
with residual cruft), so the model serves both kinds of input. Cross-validation groups
documents by site, as the held-out split holds other sites.
"""
import collections, json, math, os, re, subprocess, sys

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.model_selection import GroupKFold

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, '..', '..', 'shared', 'corpus')
COLS = 'kept chars wchars words stop letters digits caps urls handles end list cov cats strong same hasstop prose gap'.split()
C = {c: i for i, c in enumerate(COLS)}
NAMES = ['log_chars', 'log_words', 'density', 'density_rel', 'ends_sentence', 'list_marker',
         'caps_ratio', 'digit_ratio', 'has_url', 'has_handle', 'phrase_coverage', 'has_phrase',
         'same_script', 'gap_before', 'tiny', 'long_prose',
         'prev_log_chars', 'prev_density', 'prev_ends_sentence', 'prev_long_prose',
         'next_log_chars', 'next_density', 'next_ends_sentence', 'next_long_prose',
         'prev2_long_prose', 'next2_long_prose', 'long_prose_window3', 'long_prose_window10',
         'position', 'position_from_end', 'log_blocks', 'repeated', 'has_stoplist',
         'prose_before', 'prose_after', 'inside_prose', 'log_prose_distance', 'at_prose',
         'near_prose', 'log_short_run']


def base(v, prose):
    words = max(v[C['words']], 1)
    alnum = max(v[C['letters']] + v[C['digits']], 1)
    has = v[C['hasstop']] > 0
    dens = v[C['stop']] / words if has else 0.0
    rel = dens / prose if has and prose > 0 else 0.0
    return [math.log1p(v[C['wchars']]), math.log1p(v[C['words']]), dens, rel, v[C['end']],
            v[C['list']], v[C['caps']] / words, v[C['digits']] / alnum, float(v[C['urls']] > 0),
            float(v[C['handles']] > 0), v[C['cov']], float(v[C['cats']] > 0), v[C['same']],
            v[C['gap']], float(v[C['wchars']] < 30),
            float(v[C['wchars']] >= 150 and v[C['end']] > 0)]


def features(blocks):
    """blocks: [(label, values, text)] of one document -> one feature row per block."""
    n = len(blocks)
    prose = blocks[0][1][C['prose']] if n else 0.0
    count = collections.Counter(b[2] for b in blocks)
    B = [base(b[1], prose) for b in blocks]
    lp = [b[15] for b in B]
    lp_chars = [b[1][C['wchars']] if lp[i] else 0.0 for i, b in enumerate(blocks)]
    total = sum(lp_chars) or 1.0
    cum, acc = [], 0.0
    for c in lp_chars:
        acc += c
        cum.append(acc / total)
    dist = [50] * n
    last = None
    for i in range(n):
        if lp[i]:
            last = i
        if last is not None:
            dist[i] = min(dist[i], i - last)
    last = None
    for i in range(n - 1, -1, -1):
        if lp[i]:
            last = i
        if last is not None:
            dist[i] = min(dist[i], last - i)
    # Runs of short lines (four words or fewer, no sentence end): menus, tag clouds, share bars.
    short = [b[1][C['words']] <= 4 and b[1][C['end']] == 0 for b in blocks]
    run = [0] * n
    i = 0
    while i < n:
        if not short[i]:
            i += 1
            continue
        j = i
        while j < n and short[j]:
            j += 1
        for k in range(i, j):
            run[k] = j - i
        i = j
    zero = [0.0] * len(B[0]) if n else []
    rows = []
    for i in range(n):
        p = B[i - 1] if i > 0 else zero
        q = B[i + 1] if i + 1 < n else zero
        p2 = B[i - 2] if i > 1 else zero
        q2 = B[i + 2] if i + 2 < n else zero
        w3 = sum(lp[max(0, i - 3):i + 4]) / 7
        w10 = sum(lp[max(0, i - 10):i + 11]) / 21
        rows.append(B[i] + [p[0], p[2], p[4], p[15], q[0], q[2], q[4], q[15], p2[15], q2[15],
                            w3, w10, i / n, (n - i) / n, math.log1p(n),
                            float(count[blocks[i][2]] > 1), float(blocks[i][1][C['hasstop']]),
                            cum[i], 1 - cum[i], float(0 < cum[i] < 1), math.log1p(dist[i]),
                            float(dist[i] == 0), float(dist[i] <= 2), math.log1p(run[i])])
    return rows


# The model: 25 trees of at most 32 leaves and depth 5, each leaf fitted on at least 400
# blocks. Chosen by the site-grouped cross-validation below (page / cut macro F1 at p = 0.3,
# with the scarce-keep fallback): a logistic regression over the same features 0.892 / 0.925
# (without the fallback); 50 trees of depth 4 0.907 / 0.933; these 0.907 / 0.934 in 125
# steps a block instead of 200; 100 trees or depth 6 no better; smaller leaves overfit.
# model_logit in src/classify/article.rs unrolls its walk over the 25 trees (a compile-time
# check says so if max_iter changes).
MODEL = dict(max_iter=25, max_depth=5, max_leaf_nodes=32, learning_rate=0.2,
             min_samples_leaf=400, early_stopping=False, random_state=0)


def fit(X, y, w):
    return HistGradientBoostingClassifier(**MODEL).fit(X, y, sample_weight=w)


DEPTH = MODEL['max_depth']
SPLITS = 2 ** DEPTH - 1


def perfect(model):
    """Every tree as a perfect tree of depth DEPTH, in heap order: SPLITS (feature, threshold)
    pairs (go right when x[feature] > threshold) and 2**DEPTH leaf values. A leaf above the last
    level becomes splits that always go left (threshold +inf) down to copies of it, so the
    Rust code walks every tree the same DEPTH steps without a branch."""
    trees = []
    for (tree,) in model._predictors:
        nodes = tree.nodes
        splits = [(0, math.inf)] * SPLITS
        leaves = [0.0] * (SPLITS + 1)

        def fill(i, k, depth):
            n = nodes[i]
            if depth == DEPTH:
                assert n['is_leaf']
                leaves[k - SPLITS] = float(n['value'])
            elif n['is_leaf']:
                fill(i, 2 * k + 1, depth + 1)
                fill(i, 2 * k + 2, depth + 1)
            else:
                splits[k] = (int(n['feature_idx']), float(n['num_threshold']))
                fill(int(n['left']), 2 * k + 1, depth + 1)
                fill(int(n['right']), 2 * k + 2, depth + 1)

        fill(0, 0, 0)
        trees.append((splits, leaves))
    return float(model._baseline_prediction.ravel()[0]), trees


def evaluate(base, trees, x):
    """The logit the Rust code computes, in f32 as it does."""
    total = np.float32(base)
    for splits, leaves in trees:
        k = 0
        for _ in range(DEPTH):
            feat, thr = splits[k]
            k = 2 * k + 1 + int(np.float32(x[feat]) > np.float32(thr))
        total += np.float32(leaves[k - SPLITS])
    return float(total)


def f32(x):
    """The shortest decimal that reads back as the same f32."""
    v = float(np.float32(x))
    for digits in range(1, 10):
        text = f'{v:.{digits}g}'
        if np.float32(float(text)) == np.float32(v):
            return text if any(c in text for c in '.e') else text + '.0'
    return repr(v)


def cross_validated_f1(docs, prob):
    """Macro F1 per input kind (page, cut) with out-of-fold probabilities, as score.py scores."""
    sys.path.insert(0, os.path.join(CORPUS, '..', 'bench'))
    import score
    golds = {}
    for threshold in (0.2, 0.3, 0.45):
        rows = collections.defaultdict(list)
        r = 0
        for (ds, doc_id), blocks in docs.items():
            base_id = doc_id.split('#')[0]
            if base_id not in golds:
                with open(os.path.join(CORPUS, ds, base_id + '.gold.txt'), encoding='utf-8', errors='replace') as f:
                    golds[base_id] = f.read()
            left = [(b[2], prob[r + j]) for j, b in enumerate(blocks) if b[1][C['kept']] > 0]
            kept = [text for text, p in left if p >= threshold]
            # As `article()` does: a page keeping under a fifth of the text left (SCARCE) gets
            # a third of the threshold.
            if sum(map(len, kept)) < 0.2 * sum(len(text) for text, _ in left):
                kept = [text for text, p in left if p >= threshold / 3]
            r += len(blocks)
            kind = 'cut' if doc_id.endswith('#cut') else 'page'
            rows[(kind, ds)].append(score.tp_fp_fn(golds[base_id], '\n'.join(kept)) + (0,))
        for kind in ('page', 'cut'):
            res = {ds: score.aggregate(v)['f1'] for (k, ds), v in rows.items() if k == kind}
            print(f'cross-validated {kind:4} t={threshold}: macro {np.mean(list(res.values())):.3f}  ' +
                  ' '.join(f'{ds}={f:.3f}' for ds, f in sorted(res.items())))


def load(path):
    docs = collections.OrderedDict()
    with open(path, encoding='utf-8') as f:
        for line in f:
            p = line.rstrip('\n').split('\t')
            v = [float(x) for x in p[4:23]]
            docs.setdefault((p[0], p[1]), []).append((int(p[3]), v, p[23] if len(p) > 23 else ''))
    return docs


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else '/tmp/blocks.tsv'
    docs = load(path)
    site = {}
    for ds in os.listdir(CORPUS):
        m = os.path.join(CORPUS, ds, 'manifest.jsonl')
        if os.path.exists(m):
            for line in open(m):
                j = json.loads(line)
                site[(ds, j['id'])] = j.get('site') or j['id']
    X, y, w, groups = [], [], [], []
    for key, blocks in docs.items():
        for row, b in zip(features(blocks), blocks):
            X.append(row)
            y.append(b[0])
            w.append(math.sqrt(1 + b[1][C['words']]))
            # A page and its cut version share a site, so they fall in the same fold.
            groups.append(site.get((key[0], key[1].split('#')[0]), key[1]))
    X, y, w = np.array(X), np.array(y), np.array(w)
    assert X.shape[1] == len(NAMES), (X.shape, len(NAMES))
    prob = np.zeros(len(y))
    for tr, te in GroupKFold(n_splits=5).split(X, y, groups):
        prob[te] = fit(X[tr], y[tr], w[tr]).predict_proba(X[te])[:, 1]
    cross_validated_f1(docs, prob)
    m = fit(X, y, w)
    base, trees = perfect(m)
    # The exported trees give sklearn's logits (to f32 rounding).
    check = np.random.default_rng(0).choice(len(y), 2000, replace=False)
    ours = np.array([evaluate(base, trees, X[i]) for i in check])
    theirs = m.decision_function(X[check])
    assert np.max(np.abs(ours - theirs)) < 1e-3, np.max(np.abs(ours - theirs))

    def thr(t):
        return 'f32::INFINITY' if math.isinf(t) else f32(t)

    # The walker's tree type (src/classify/tree.rs) fixes the depth the trees must have.
    tree_rs = open(os.path.join(HERE, '..', 'src', 'classify', 'tree.rs')).read()
    walker_depth = int(re.search(r'const DEPTH: usize = (\d+);', tree_rs).group(1))
    assert walker_depth == DEPTH, f'src/classify/tree.rs walks trees of depth {walker_depth}, not {DEPTH}'

    out = os.path.join(HERE, '..', 'src', 'classify', 'model_trees.rs')
    with open(out, 'w') as f:
        f.write('//! The article model\'s trees, written by `tools/fit_model.py`; do not edit by hand.\n')
        f.write(f'//! Fitted on {len(docs)} dev-corpus documents ({len(y)} blocks).\n\n')
        f.write('// Thresholds are data: `ln(1 + 9)` is not meant as `LN_10`.\n')
        f.write('#![allow(clippy::approx_constant)]\n\n')
        f.write('use super::tree::Tree;\n\n')
        f.write('/// The logit before any tree.\npub(crate) const BASE: f32 = %s;\n\n' % f32(base))
        f.write('/// The trees; features by their index in `Feature`.\n')
        f.write('#[rustfmt::skip]\n')
        f.write('pub(crate) static TREES: [Tree; %d] = [\n' % len(trees))
        for splits, leaves in trees:
            f.write('    Tree {\n')
            f.write('        features: [%s],\n' % ', '.join(str(ft) for ft, _ in splits))
            f.write('        thresholds: [%s],\n' % ', '.join(thr(t) for _, t in splits))
            f.write('        leaves: [%s],\n' % ', '.join(f32(v) for v in leaves))
            f.write('    },\n')
        f.write('];\n')
    # Leave the file as `cargo fmt --check` wants it.
    try:
        subprocess.run(['rustfmt', '--edition', '2024', out], check=False)
    except OSError:
        print('rustfmt not found: run cargo fmt before committing')
    print('wrote', out)


if __name__ == '__main__':
    main()
