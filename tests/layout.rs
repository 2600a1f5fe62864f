//! The source tree's layout promises (ARCHITECTURE.md), read from the code's own paths:
//!
//! - imports flow one way: no cycle among the files of `src/` (a file depends on the files
//!   its `crate::…` and `super::…` paths name, wherever they stand, tests included, and a
//!   folder's `mod.rs` on the children it names), nor among its top-level modules;
//! - `src/words/`, the bottom layer, imports nothing of the crate outside itself, and
//!   `src/language.rs` (the public `Language`) nothing at all;
//! - no source file is over 1,000 lines, not counting its `#[cfg(test)]` modules.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// Every `.rs` file under `src/`, by its module path (`["lang", "vote"]`; `[]` for `lib.rs`).
fn modules() -> BTreeMap<Vec<String>, PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    walk(&src, &mut files);
    files
        .into_iter()
        .map(|path| {
            let rel = path.strip_prefix(&src).unwrap().with_extension("");
            let mut parts: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
                parts.pop();
            }
            (parts, path)
        })
        .collect()
}

/// The code lines of a file (comments dropped), each with the inline modules it is in.
fn code_lines(text: &str) -> Vec<(String, Vec<String>)> {
    let mut inline: Vec<(usize, String)> = Vec::new();
    let mut out = Vec::new();
    for line in text.lines() {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if inline
            .last()
            .is_some_and(|(i, _)| *i == indent && trimmed.starts_with('}'))
        {
            inline.pop();
            continue;
        }
        if trimmed.starts_with("//") {
            continue;
        }
        let code = match trimmed.find("// ") {
            Some(at) => &trimmed[..at],
            None => trimmed,
        };
        let words: Vec<&str> = code.split_whitespace().collect();
        if let Some(k) = words.iter().position(|w| *w == "mod")
            && words.last() == Some(&"{")
            && k + 3 == words.len()
        {
            inline.push((indent, words[k + 1].to_string()));
            continue;
        }
        let scope = inline.iter().map(|(_, name)| name.clone()).collect();
        // `pub(super)` is a visibility, not a path.
        out.push((code.replace("pub(super)", "pub"), scope));
    }
    out
}

/// The module paths a line of code names: `crate::…`, `super::…`, and (in a file with child
/// modules) a child's name followed by `::`.
fn paths(code: &str, here: &[String], children: &[String]) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let bytes = code.as_bytes();
    let ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let mut i = 0;
    while i < bytes.len() {
        if !ident(bytes[i]) || (i > 0 && (ident(bytes[i - 1]) || bytes[i - 1] == b':')) {
            i += 1;
            continue;
        }
        let mut parts: Vec<&str> = Vec::new();
        let mut j = i;
        loop {
            let start = j;
            while j < bytes.len() && ident(bytes[j]) {
                j += 1;
            }
            parts.push(&code[start..j]);
            if code[j..].starts_with("::") && bytes.get(j + 2).copied().is_some_and(ident) {
                j += 2;
            } else {
                break;
            }
        }
        i = j.max(i + 1);
        let resolved = match parts.first().copied() {
            Some("crate") if parts.len() > 1 => parts[1..].iter().map(|p| p.to_string()).collect(),
            Some("super") => {
                let ups = parts.iter().take_while(|p| **p == "super").count();
                let mut base = here.to_vec();
                base.truncate(here.len().saturating_sub(ups));
                base.extend(parts[ups..].iter().map(|p| p.to_string()));
                base
            }
            Some(first) if parts.len() > 1 && children.iter().any(|c| c == first) => {
                let mut base = here.to_vec();
                base.extend(parts.iter().map(|p| p.to_string()));
                base
            }
            _ => continue,
        };
        out.push(resolved);
    }
    out
}

/// The file a module path lands in: the longest prefix that is a file's module.
fn file_of<'m>(
    path: &[String],
    modules: &'m BTreeMap<Vec<String>, PathBuf>,
) -> Option<&'m Vec<String>> {
    (0..=path.len())
        .rev()
        .find_map(|n| modules.get_key_value(&path[..n]).map(|(k, _)| k))
}

/// Each file's dependencies on other files.
fn graph(modules: &BTreeMap<Vec<String>, PathBuf>) -> BTreeMap<Vec<String>, BTreeSet<Vec<String>>> {
    let mut graph = BTreeMap::new();
    for (module, path) in modules {
        let text = fs::read_to_string(path).unwrap();
        let children: Vec<String> = modules
            .keys()
            .filter(|k| k.len() == module.len() + 1 && k.starts_with(module))
            .map(|k| k.last().unwrap().clone())
            .collect();
        let mut deps = BTreeSet::new();
        for (code, scope) in code_lines(&text) {
            let mut here = module.clone();
            here.extend(scope.iter().cloned());
            // Child-module paths count only at the file's own level (not inside a `mod tests`).
            let kids = if scope.is_empty() { &children[..] } else { &[] };
            for p in paths(&code, &here, kids) {
                if let Some(file) = file_of(&p, modules)
                    && file != module
                {
                    deps.insert(file.clone());
                }
            }
        }
        graph.insert(module.clone(), deps);
    }
    graph
}

/// A cycle in `graph`, if it has one.
fn find_cycle<N: Ord + Clone>(graph: &BTreeMap<N, BTreeSet<N>>) -> Option<Vec<N>> {
    fn visit<N: Ord + Clone>(
        n: &N,
        graph: &BTreeMap<N, BTreeSet<N>>,
        state: &mut BTreeMap<N, bool>,
        stack: &mut Vec<N>,
    ) -> Option<Vec<N>> {
        match state.get(n) {
            Some(true) => return None,
            Some(false) => {
                let at = stack.iter().position(|s| s == n).unwrap();
                let mut cycle = stack[at..].to_vec();
                cycle.push(n.clone());
                return Some(cycle);
            }
            None => {}
        }
        state.insert(n.clone(), false);
        stack.push(n.clone());
        for m in graph.get(n).into_iter().flatten() {
            if let Some(cycle) = visit(m, graph, state, stack) {
                return Some(cycle);
            }
        }
        stack.pop();
        state.insert(n.clone(), true);
        None
    }
    let mut state = BTreeMap::new();
    graph
        .keys()
        .find_map(|n| visit(n, graph, &mut state, &mut Vec::new()))
}

fn name(module: &[String]) -> String {
    if module.is_empty() {
        "lib".to_string()
    } else {
        module.join("/")
    }
}

#[test]
fn imports_flow_one_way() {
    let modules = modules();
    assert!(modules.len() > 20, "src/ not found: {modules:?}");
    let graph = graph(&modules);
    // Not vacuous: the pipeline's known edges are read.
    let deps = |from: &[&str]| &graph[&from.iter().map(|s| s.to_string()).collect::<Vec<_>>()];
    assert!(deps(&["classify", "features"]).contains(&vec!["patterns".to_string()]));
    assert!(deps(&["lang", "vote"]).contains(&vec!["lang".to_string(), "script".to_string()]));
    if let Some(cycle) = find_cycle(&graph) {
        let names: Vec<String> = cycle.iter().map(|m| name(m)).collect();
        panic!("import cycle among files: {}", names.join(" -> "));
    }
    let mut top: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (from, tos) in &graph {
        let from_top = from.first().cloned().unwrap_or_default();
        for to in tos {
            let to_top = to.first().cloned().unwrap_or_default();
            if to_top != from_top && !from_top.is_empty() {
                top.entry(from_top.clone()).or_default().insert(to_top);
            }
        }
    }
    if let Some(cycle) = find_cycle(&top) {
        panic!(
            "import cycle among top-level modules: {}",
            cycle.join(" -> ")
        );
    }
}

#[test]
fn the_word_layer_and_the_language_type_import_nothing_above_them() {
    let modules = modules();
    let graph = graph(&modules);
    for (from, tos) in &graph {
        let words = from.first().is_some_and(|f| f == "words");
        let language = from == &["language".to_string()];
        for to in tos {
            assert!(
                !(words && to.first().is_none_or(|t| t != "words")),
                "{} imports {}: the word layer imports nothing above it",
                name(from),
                name(to)
            );
            assert!(!language, "language.rs imports {}", name(to));
        }
    }
}

#[test]
fn no_file_over_a_thousand_lines_without_its_tests() {
    for (module, path) in modules() {
        let text = fs::read_to_string(&path).unwrap();
        let mut lines = 0;
        let mut in_tests: Option<usize> = None;
        let mut cfg_test = false;
        for line in text.lines() {
            if let Some(indent) = in_tests {
                let trimmed = line.trim_start();
                if line.len() - trimmed.len() == indent && trimmed.starts_with('}') {
                    in_tests = None;
                }
                continue;
            }
            let trimmed = line.trim_start();
            if cfg_test && trimmed.starts_with("mod ") && trimmed.ends_with('{') {
                in_tests = Some(line.len() - trimmed.len());
                cfg_test = false;
                continue;
            }
            cfg_test = trimmed == "#[cfg(test)]";
            lines += 1;
        }
        assert!(
            lines <= 1000,
            "{} has {lines} lines besides its tests",
            name(&module)
        );
    }
}
