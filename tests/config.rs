//! The config file (issue 16): user keys merged over the defaults, a
//! binding removed, the help overlay and the hint bar showing the keys in
//! force, every kind of error at its exact line and column, the settings
//! reaching the reader, and the files named by the search order.
//!
//! The pty test of a remapped `j`/`k` is in `pty_config.rs`; the binary's
//! own config commands are in `config_cli.rs`.

use std::path::PathBuf;

use brief::config::{Config, Places, parse};
use brief::controller::{Context, Overlay, State, press};
use brief::loader::{Diagnostic, InMemory};
use brief::theme::Theme;

fn no_files() -> InMemory {
    InMemory { files: Vec::new() }
}

/// The config `source` makes, or its diagnostics rendered.
fn config(source: &str) -> Config {
    parse("config.toml", source, &Places::default(), &no_files()).unwrap_or_else(|problems| {
        panic!(
            "{}",
            problems.iter().map(Diagnostic::render).collect::<String>()
        )
    })
}

fn problems(source: &str) -> Vec<Diagnostic> {
    parse("config.toml", source, &Places::default(), &no_files())
        .expect_err("the config has an error")
}

/// The bundled briefing at 120x40 with `config`'s keys.
fn reader(config: &Config) -> State {
    let briefing = brief::loader::load_bundled().briefing.expect("bundled");
    State::new(briefing, config.keymap.clone(), 120, 40)
}

fn keys(state: &mut State, notation: &str) {
    press(state, notation).expect("keys in notation");
}

const SWAPPED: &str = r#"
[keys.article]
scroll_down = ["k", "<Down>"]
scroll_up = ["j", "<Up>"]
"#;

#[test]
fn rebound_keys_act_and_the_defaults_elsewhere_stay() {
    let swapped = config(SWAPPED);
    let mut state = reader(&swapped);
    keys(&mut state, "kkk");
    let down = state.top();
    let mut plain = reader(&Config::defaults().unwrap());
    keys(&mut plain, "jjj");
    assert_eq!(down, plain.top(), "k scrolls down as j did");
    keys(&mut state, "jj");
    keys(&mut plain, "kk");
    assert_eq!(state.top(), plain.top(), "j scrolls up as k did");
    // <C-e> was one of scroll_down's keys; the new list left it out.
    keys(&mut state, "<C-e>");
    assert!(
        state.message().is_some_and(|m| m.contains("<C-e>")),
        "{:?}",
        state.message()
    );
    // The entity list keeps its own j and k.
    keys(&mut state, "<C-w>2j");
    assert_eq!(state.entity_list().cursor, 1);
}

#[test]
fn an_empty_list_removes_a_binding_and_the_help_leaves_it_out() {
    let removed = config("[keys.article]\nhalf_page_down = []\n");
    let mut state = reader(&removed);
    let before = state.top();
    keys(&mut state, "d");
    assert_eq!(state.top(), before, "d does nothing any more");
    assert!(state.message().is_some_and(|m| m.contains('d')));
    // The global <C-d> still scrolls.
    keys(&mut state, "<C-d>");
    assert_ne!(state.top(), before);
    let article_half_page = removed.keymap.bindings().iter().any(|binding| {
        binding.context == Context::Article
            && binding.action == brief::controller::Action::HalfPageDown
    });
    assert!(!article_half_page);
}

/// The help overlay's text as drawn: every line of the frame.
fn frame(state: &State) -> String {
    let theme = Theme::built_in("dark", false).expect("theme");
    brief::cli::frame_text(state, &theme, false)
}

#[test]
fn the_help_overlay_and_the_hint_bar_show_the_keys_in_force() {
    let remapped = config(
        r#"
[keys.article]
scroll_down = ["n", "<Down>"]

[keys.global]
help = ["<F2>"]
quit = ["Q"]
entity_picker = ["E"]
"#,
    );
    let mut state = reader(&remapped);
    let text = frame(&state);
    let hint_bar = text.lines().last().expect("a hint bar");
    assert!(hint_bar.contains("<F2> help"), "{hint_bar}");
    assert!(hint_bar.contains("Q quit"), "{hint_bar}");
    assert!(hint_bar.contains("E entities"), "{hint_bar}");
    assert!(!hint_bar.contains("? help"), "{hint_bar}");
    // ? is bound to nothing now; <F2> opens the help.
    keys(&mut state, "?");
    assert!(state.overlay().is_none());
    keys(&mut state, "<F2>");
    assert!(matches!(state.overlay(), Some(Overlay::Help { .. })));
    // Every line of the help, as wrapped for its box (the frame shows the
    // first screen of them).
    let (title, lines) = brief::controller::overlays::lines(&state);
    let shown: Vec<&str> = lines.iter().map(|(_, line)| line.as_str()).collect();
    let has = |keys: &str, does: &str| {
        shown
            .iter()
            .any(|line| line.trim_start().starts_with(keys) && line.contains(does))
    };
    assert!(has("n, <Down>", "scroll down a line"), "{shown:#?}");
    assert!(has("<F2>", "show or hide this help"), "{shown:#?}");
    assert!(has("E ", "find an entity by name"), "{shown:#?}");
    assert!(!has("e ", "find an entity by name"), "{shown:#?}");
    // The title names the key that closes it, and the frame draws it.
    assert!(title.contains("Q closes"), "{title}");
    assert!(frame(&state).contains("Q closes"));
}

/// A config names each context as the resolver looks it up: the panes
/// and help fall back to global, prompts and lists of their own do not.
#[test]
fn contexts_fall_back_to_global_as_the_reader_looks_keys_up() {
    let mut state = reader(&Config::defaults().unwrap());
    assert_eq!(state.contexts(), Context::Article.lookup_order());
    keys(&mut state, "?");
    assert_eq!(state.contexts(), Context::Help.lookup_order());
    keys(&mut state, "q<C-w>2");
    assert_eq!(state.contexts(), Context::Entities.lookup_order());
    keys(&mut state, "/");
    assert_eq!(state.contexts(), Context::FilterPrompt.lookup_order());
    keys(&mut state, "<Esc><C-w>1r");
    assert_eq!(state.contexts(), Context::Relations.lookup_order());
    keys(&mut state, "q<C-w>3");
    assert_eq!(state.contexts(), Context::Timeline.lookup_order());
    keys(&mut state, "e");
    assert_eq!(state.contexts(), Context::Picker.lookup_order());
    keys(&mut state, "<Esc><C-w>1/");
    assert_eq!(state.contexts(), Context::SearchPrompt.lookup_order());
    keys(&mut state, "<Esc>F");
    assert_eq!(state.contexts(), Context::Hints.lookup_order());
}

/// One error: its code, line, column and the text under the caret.
struct Expected {
    code: &'static str,
    line: usize,
    column: usize,
    marked: &'static str,
}

fn assert_one(source: &str, expected: &Expected) {
    let found = problems(source);
    let rendered: String = found.iter().map(Diagnostic::render).collect();
    assert_eq!(found.len(), 1, "{rendered}");
    let diagnostic = &found[0];
    assert_eq!(diagnostic.code, expected.code, "{rendered}");
    let at = diagnostic.location.as_ref().expect("a position");
    assert_eq!(
        (at.line, at.column),
        (expected.line, expected.column),
        "{rendered}"
    );
    let marked: String = at
        .source_line
        .chars()
        .skip(at.column - 1)
        .take(at.underline)
        .collect();
    assert_eq!(marked, expected.marked, "{rendered}");
    assert!(
        diagnostic.hint.is_some(),
        "every error says what to do: {rendered}"
    );
}

#[test]
fn every_kind_of_error_is_reported_at_its_line_and_column() {
    let cases: [(&str, Expected); 19] = [
        (
            "mouse = true\nmeasure = 100 200\n",
            Expected {
                code: "toml-syntax",
                line: 2,
                column: 11,
                marked: "100 200",
            },
        ),
        (
            "mouse = true\nmous = true\n",
            Expected {
                code: "unknown-setting",
                line: 2,
                column: 1,
                marked: "mous",
            },
        ),
        (
            "clipboard = \"yes\"\n",
            Expected {
                code: "wrong-type",
                line: 1,
                column: 13,
                marked: "\"yes\"",
            },
        ),
        (
            "measure = 20\n",
            Expected {
                code: "bad-value",
                line: 1,
                column: 11,
                marked: "20",
            },
        ),
        (
            "widen_sides = 999\n",
            Expected {
                code: "bad-value",
                line: 1,
                column: 15,
                marked: "999",
            },
        ),
        (
            "theme = \"nosuch\"\n",
            Expected {
                code: "bad-value",
                line: 1,
                column: 9,
                marked: "\"nosuch\"",
            },
        ),
        (
            "reviewer = \"A. Analyst\\nB\"\n",
            Expected {
                code: "bad-value",
                line: 1,
                column: 12,
                marked: "\"A. Analyst\\nB\"",
            },
        ),
        (
            "[keys.artcle]\nscroll_down = [\"n\"]\n",
            Expected {
                code: "unknown-context",
                line: 1,
                column: 7,
                marked: "artcle",
            },
        ),
        (
            "[keys.article]\nscrol_down = [\"n\"]\n",
            Expected {
                code: "unknown-action",
                line: 2,
                column: 1,
                marked: "scrol_down",
            },
        ),
        (
            "[keys.article]\nscroll_down = [\"j\", \"<Hyper-x>\"]\n",
            Expected {
                code: "bad-key",
                line: 2,
                column: 21,
                marked: "\"<Hyper-x>\"",
            },
        ),
        (
            "[keys.article]\nscroll_down = \"n\"\n",
            Expected {
                code: "wrong-type",
                line: 2,
                column: 15,
                marked: "\"n\"",
            },
        ),
        (
            "[keys.article]\nscroll_down = [\"x\"]\nscroll_up = [\"<Up>\", \"x\"]\n",
            Expected {
                code: "key-bound-twice",
                line: 3,
                column: 22,
                marked: "\"x\"",
            },
        ),
        (
            "[keys.global]\nquit = [\"q\", \"<C-c>\"]\n",
            Expected {
                code: "fixed-key",
                line: 2,
                column: 14,
                marked: "\"<C-c>\"",
            },
        ),
        (
            "[keys.global]\nsuspend = [\"<C-s>\"]\n",
            Expected {
                code: "fixed-key",
                line: 2,
                column: 1,
                marked: "suspend",
            },
        ),
        (
            "[keys.picker]\ngo_top = [\"<C-g>\"]\n",
            Expected {
                code: "action-not-here",
                line: 2,
                column: 1,
                marked: "go_top",
            },
        ),
        (
            "[keys.article]\nscroll_down = [\"1\"]\n",
            Expected {
                code: "count-key",
                line: 2,
                column: 16,
                marked: "\"1\"",
            },
        ),
        (
            "[keys.search_prompt]\nactivate = [\"<Enter>\", \"x\"]\n",
            Expected {
                code: "typing-key",
                line: 2,
                column: 24,
                marked: "\"x\"",
            },
        ),
        (
            "[keys.article]\ncenter_view = [\"z\"]\n",
            Expected {
                code: "key-shadowed",
                line: 2,
                column: 16,
                marked: "\"z\"",
            },
        ),
        (
            "[keys.global]\ninfo = [\"=\", \"<C-w>ww\"]\n",
            Expected {
                code: "key-shadowed",
                line: 2,
                column: 14,
                marked: "\"<C-w>ww\"",
            },
        ),
    ];
    for (source, expected) in &cases {
        assert_one(source, expected);
    }
}

#[test]
fn a_key_bound_twice_names_where_it_was_first_and_all_errors_come_in_file_order() {
    let found = problems(
        "[keys.article]\nscroll_down = [\"x\"]\nscroll_up = [\"x\"]\n\n[keys.picker]\ngo_top = [\"<C-g>\"]\n",
    );
    assert_eq!(
        found[0].render(),
        "error[key-bound-twice]: `x` is bound twice in `article`\n \
         --> config.toml:3:14\n  |\n3 | scroll_up = [\"x\"]\n  |              ^^^\n  \
         = note: first given to `scroll_down` at line 2, column 16\n  \
         = hint: give each key to one action per context\n"
    );
    assert_eq!(found[1].code, "action-not-here");
    // Below a [keys.article] header, `mouse` is an action name.
    let misplaced = problems("[keys.article]\nscrol_down = [\"n\"]\n\nmouse = true\n");
    let codes: Vec<(&str, usize)> = misplaced
        .iter()
        .map(|d| (d.code, d.location.as_ref().unwrap().line))
        .collect();
    assert_eq!(codes, vec![("unknown-action", 2), ("wrong-type", 4)]);
    // Problems of the settings and of the keys together, top to bottom.
    let ordered = problems("mouse = 1\n[keys.article]\ncenter_view = [\"z\"]\nscrol = []\n");
    let lines: Vec<usize> = ordered
        .iter()
        .map(|d| d.location.as_ref().unwrap().line)
        .collect();
    assert_eq!(lines, vec![1, 3, 4]);
}

#[test]
fn settings_reach_the_config_and_paths_resolve_from_its_folder() {
    let folder = PathBuf::from("/srv/analyst/.config/brief");
    let theme_path = folder.join("themes/night.toml");
    let dark = brief::theme::BUILT_IN[0]
        .toml
        .replace("name = \"dark\"", "name = \"night\"");
    let reader = InMemory {
        files: vec![(theme_path.clone(), dark)],
    };
    let places = Places {
        base: folder.clone(),
        themes: Some(folder.join("themes")),
        home: Some(PathBuf::from("/srv/analyst")),
    };
    let source = "theme = \"night\"\nmouse = true\nclipboard = true\nmeasure = 80\n\
                  widen_sides = -4\nreviewer = \"  A. Analyst \"\nreviews = \"~/reviews\"\n";
    let config = parse("config.toml", source, &places, &reader).expect("a valid config");
    assert_eq!(config.theme.as_deref(), theme_path.to_str());
    assert!(config.mouse && config.clipboard);
    assert_eq!((config.measure, config.widen_sides), (80, -4));
    assert_eq!(config.reviewer.as_deref(), Some("A. Analyst"));
    assert_eq!(config.reviews, Some(PathBuf::from("/srv/analyst/reviews")));
    // A relative path starts at the config file's folder.
    let relative = parse("c.toml", "reviews = \"reviews\"\n", &places, &reader).unwrap();
    assert_eq!(relative.reviews, Some(folder.join("reviews")));
    // A theme file that does not parse is the line's error, with why.
    let broken = InMemory {
        files: vec![(theme_path, "name = \"night\"\n[roles]\n".to_string())],
    };
    let refused = parse("c.toml", "theme = \"night\"\n", &places, &broken).unwrap_err();
    assert_eq!(refused[0].code, "bad-value");
    assert!(
        refused[0].message.contains("does not define the role"),
        "{}",
        refused[0].message
    );
}

#[test]
fn measure_and_side_panes_from_the_config_shape_the_reader() {
    let briefing = || brief::loader::load_bundled().briefing.expect("bundled");
    let keymap = Config::defaults().unwrap().keymap;
    let setup = brief::controller::Setup {
        measure: Some(70),
        widen_sides: 8,
        ..Default::default()
    };
    let mut state = State::with_setup(briefing(), keymap.clone(), 200, 60, setup);
    let article = state.panes().article.expect("an article").width;
    let plain = State::new(briefing(), keymap, 200, 60);
    assert!(article < plain.panes().article.unwrap().width);
    assert_eq!(state.view().measure, 70);
    assert_eq!(state.view().side_shift, 8);
    // Ctrl-w = comes back to the config's width, not to none.
    keys(&mut state, "<C-w>><C-w>>");
    assert_ne!(state.view().side_shift, 8);
    keys(&mut state, "<C-w>=");
    assert_eq!(state.view().side_shift, 8);
}

#[test]
fn the_library_and_its_identity_pairs_come_from_the_config() {
    let folder = std::env::temp_dir();
    let places = Places {
        base: folder.clone(),
        themes: None,
        home: None,
    };
    let source = format!(
        "library = \"{}\"\nsame_as = [[\"gru\", \"Main Intelligence Directorate\"]]\n\
         not_same_as = [[\"paris-france\", \"paris-texas\"]]\n",
        folder.display()
    );
    let config = parse("config.toml", &source, &places, &no_files()).expect("a valid config");
    assert_eq!(config.library, Some(folder.clone()));
    assert_eq!(
        config.same_as,
        vec![(
            "gru".to_string(),
            "Main Intelligence Directorate".to_string()
        )]
    );
    assert_eq!(
        config.not_same_as,
        vec![("paris-france".to_string(), "paris-texas".to_string())]
    );
    // A library that is not a folder, and a pair of three, are errors at
    // their place.
    let wrong =
        problems("library = \"/nonexistent/briefings\"\nsame_as = [[\"a\", \"b\", \"c\"]]\n");
    let codes: Vec<(&str, usize)> = wrong
        .iter()
        .map(|d| (d.code, d.location.as_ref().map_or(0, |l| l.line)))
        .collect();
    assert_eq!(
        codes,
        vec![("bad-value", 1), ("wrong-type", 2)],
        "{wrong:?}"
    );
}
