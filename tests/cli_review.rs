//! `brief review export`: the review of a briefing as a report for its
//! author, Markdown or JSON lines, from a review file written the way the
//! reader writes it; hostile text in a review never reaches the output raw.

use std::path::{Path, PathBuf};
use std::process::Command;

use brief::review::file::{Header, write};
use brief::review::{Anchor, Judgement, Review, Target, Verdict};

fn scratch(name: &str) -> PathBuf {
    let root = env!("CARGO_MANIFEST_DIR");
    let dir = std::env::temp_dir().join(format!("brief-export-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    for file in ["crocus-city-hall.toml", "crocus-city-hall.md"] {
        std::fs::copy(format!("{root}/briefings/{file}"), dir.join(file)).expect("copy");
    }
    dir
}

fn brief(args: &[&str], home: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(args)
        .env("HOME", home)
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env_remove("BRIEF_CONFIG")
        .output()
        .expect("run brief")
}

/// Writes `review` of `briefing` where the reader keeps it, beside the
/// copy in `dir`; returns its path.
fn save_review(dir: &Path, review: &Review, briefing: &brief::model::Briefing) -> PathBuf {
    let header = Header::for_text(briefing.meta.title.as_deref(), &briefing.document.text);
    let path = dir.join("crocus-city-hall.review.toml");
    std::fs::write(&path, write(review, &header)).expect("write the review");
    path
}

/// `brief check FILE` in `dir` passes.
fn assert_checks_clean(dir: &Path, file: &str) {
    let check = brief(&["check", &dir.join(file).to_string_lossy()], dir);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
}

fn verdict(target: Target, judgement: Judgement, comment: Option<&str>) -> Verdict {
    Verdict {
        target,
        judgement,
        comment: comment.map(str::to_string),
        reviewer: "ana".to_string(),
        at: "2026-12-07T15:12:03Z".to_string(),
    }
}

/// A review of the bundled briefing: a confirmed mention (with a comment
/// holding an escape sequence), a disputed entity, and a mention whose
/// passage is not in the text.
fn write_review(dir: &Path) {
    let loaded = brief::loader::load_bundled();
    let briefing = loaded.briefing.expect("the bundled briefing");
    let text = &briefing.document.text;
    let mention = &briefing.mentions[3];
    let entity = briefing.entity(mention.entity).id.clone();
    let mut review = Review::default();
    review.judge(verdict(
        Target::Mention {
            entity: entity.clone(),
            anchor: Anchor::capture(text, mention.span.clone()),
        },
        Judgement::Confirmed,
        Some("checked against two sources\x1b[31m"),
    ));
    review.judge(verdict(
        Target::Entity { id: entity.clone() },
        Judgement::Disputed,
        None,
    ));
    review.judge(verdict(
        Target::Mention {
            entity,
            anchor: Anchor {
                quote: "a passage cut from the text".to_string(),
                prefix: String::new(),
                suffix: String::new(),
                start: 10,
                end: 37,
            },
        },
        Judgement::Wrong,
        None,
    ));
    save_review(dir, &review, &briefing);
}

#[test]
fn the_markdown_report_lists_every_verdict_by_section_with_orphans_last() {
    let dir = scratch("markdown");
    write_review(&dir);
    let briefing = dir.join("crocus-city-hall.toml");
    let out = brief(&["review", "export", &briefing.to_string_lossy()], &dir);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(
        report.starts_with("# Review of \u{201c}Crocus City Hall attack, 22 March 2024\u{201d}\n")
    );
    assert!(
        report.contains("3 verdicts by ana; reviewed 1/"),
        "{report}"
    );
    let confirmed = report
        .find("- **confirmed** mention of")
        .expect("the mention");
    let entities = report
        .find("## Entities, relations and events")
        .expect("unplaced");
    let orphans = report
        .find("## Not found in the text as it is now")
        .expect("orphans");
    assert!(confirmed < entities && entities < orphans, "{report}");
    assert!(report.contains("(line "), "{report}");
    assert!(report[orphans..].contains("**wrong** mention of"));
    assert!(report[entities..orphans].contains("**disputed** entity"));
    assert!(!report.contains('\x1b'), "an escape reached the report");
    assert!(
        report.contains("checked against two sources\u{241b}[31m"),
        "{report}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_json_report_is_one_line_a_verdict_with_where_each_is_now() {
    let dir = scratch("json");
    write_review(&dir);
    let briefing = dir.join("crocus-city-hall.toml");
    let out = brief(
        &[
            "review",
            "export",
            &briefing.to_string_lossy(),
            "--format",
            "json",
        ],
        &dir,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|line| serde_json::from_str(line).expect("a JSON line"))
        .collect();
    let places: Vec<&str> = lines
        .iter()
        .map(|l| l["place"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(places, ["exact", "none", "orphaned"]);
    assert_eq!(lines[0]["verdict"], "confirmed");
    assert!(lines[0]["line"].as_u64().is_some_and(|line| line > 1));
    assert_eq!(lines[1]["target"], "entity");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_briefing_without_a_review_says_where_it_looked() {
    let dir = scratch("none");
    let briefing = dir.join("crocus-city-hall.toml");
    let out = brief(&["review", "export", &briefing.to_string_lossy()], &dir);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("brief: no review of this briefing yet (looked for "),
        "{stderr}"
    );
    assert!(stderr.contains("crocus-city-hall.review.toml"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_broken_review_file_is_reported_with_its_position() {
    let dir = scratch("broken");
    std::fs::write(
        dir.join("crocus-city-hall.review.toml"),
        "[review]\nformat = 1\ntext = \"sha256:0\"\n\n[[verdict]]\ntarget = \"planet\"\nverdict = \"confirmed\"\nby = \"a\"\nat = \"t\"\n",
    )
    .expect("write");
    let briefing = dir.join("crocus-city-hall.toml");
    let out = brief(&["review", "export", &briefing.to_string_lossy()], &dir);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("error[review-item]: `planet` is not something a verdict is on"),
        "{stderr}"
    );
    assert!(
        stderr.contains("crocus-city-hall.review.toml:6:10"),
        "{stderr}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// A review path that is a device or a FIFO is never read (it would never
/// end, or block): it is not a review file.
#[test]
fn a_review_path_that_is_no_regular_file_is_not_read() {
    let dir = scratch("device");
    let fifo = dir.join("review.fifo");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    let briefing = dir.join("crocus-city-hall.toml");
    for review in [Path::new("/dev/zero"), fifo.as_path()] {
        let out = brief(
            &[
                "review",
                "export",
                &briefing.to_string_lossy(),
                "--review",
                &review.to_string_lossy(),
            ],
            &dir,
        );
        assert_eq!(out.status.code(), Some(1), "{}", review.display());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.starts_with("brief: no review of this briefing yet"),
            "{stderr}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// `brief review apply`: the disputed entity becomes a note on its first
/// mention, appended after the author's file kept byte for byte; the
/// confirmed verdict changes nothing; the orphan is named, not guessed at;
/// the result checks clean.
#[test]
fn apply_folds_the_review_into_a_copy_that_keeps_the_author_file_and_checks() {
    let dir = scratch("apply");
    write_review(&dir);
    let annotation = dir.join("crocus-city-hall.toml");
    let original = std::fs::read_to_string(&annotation).expect("annotation");
    let out = brief(&["review", "apply", &annotation.to_string_lossy()], &dir);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("1 note added to"), "{stderr}");
    assert!(
        stderr.contains("(1 confirmed, nothing to change)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("left out, with no passage in the text: mention of"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(&annotation).ok().as_ref(),
        Some(&original)
    );
    let folded = std::fs::read_to_string(dir.join("crocus-city-hall.reviewed.toml"))
        .expect("the folded copy");
    assert!(
        folded.starts_with(original.trim_end()),
        "the author's file is kept as written"
    );
    let added = &folded[original.trim_end().len()..];
    assert_eq!(added.matches("[[note]]").count(), 1, "{added}");
    assert!(added.contains("kind = \"disputed\""), "{added}");
    assert!(
        added.contains("text = \"Review (ana, 2026-12-07T15:12:03Z): disputed"),
        "{added}"
    );
    assert_checks_clean(&dir, "crocus-city-hall.reviewed.toml");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn apply_in_place_keeps_a_backup_and_will_not_overwrite_without_being_told() {
    let dir = scratch("inplace");
    write_review(&dir);
    let annotation = dir.join("crocus-city-hall.toml");
    let original = std::fs::read_to_string(&annotation).expect("annotation");
    let refused = brief(
        &[
            "review",
            "apply",
            &annotation.to_string_lossy(),
            "-o",
            &annotation.to_string_lossy(),
        ],
        &dir,
    );
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("say --in-place"));
    assert_eq!(
        std::fs::read_to_string(&annotation).ok().as_ref(),
        Some(&original)
    );
    let out = brief(
        &[
            "review",
            "apply",
            &annotation.to_string_lossy(),
            "--in-place",
        ],
        &dir,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let backup = dir.join("crocus-city-hall.toml.bak");
    assert_eq!(
        std::fs::read_to_string(&backup).ok().as_ref(),
        Some(&original)
    );
    let folded = std::fs::read_to_string(&annotation).expect("folded");
    assert!(folded.len() > original.len() && folded.contains("kind = \"disputed\""));
    let _ = std::fs::remove_dir_all(&dir);
}

/// `brief check` on a review file: its form, and against the briefing
/// beside it, which verdicts lost their passage (warnings, exit 0).
#[test]
fn check_reads_a_review_file_and_warns_of_its_orphans() {
    let dir = scratch("check");
    write_review(&dir);
    let review = dir.join("crocus-city-hall.review.toml");
    let out = brief(&["check", &review.to_string_lossy()], &dir);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("warning[review-orphan]: the verdict on the mention on \u{201c}a passage cut from the text\u{201d}"), "{stdout}");
    assert!(
        stdout.contains("review of 3 verdicts, 1 orphaned; 1 warning, 0 errors"),
        "{stdout}"
    );

    std::fs::write(&review, "[review]\nformat = 2\ntext = \"x\"\n").expect("write");
    let out = brief(&["check", &review.to_string_lossy()], &dir);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stdout)
            .contains("error[review-format]: review format 2 is not known here")
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// With `reviews = FOLDER` in the config, export finds the review where
/// the reader keeps it.
#[test]
fn export_looks_in_the_configured_reviews_folder() {
    let dir = scratch("folder");
    write_review(&dir);
    let annotation = dir.join("crocus-city-hall.toml");
    let folder = dir.join("reviews");
    let place = brief::review::store::Places::in_folder(Some(&annotation), &folder)
        .beside
        .expect("a place in the folder");
    std::fs::create_dir_all(&folder).expect("folder");
    std::fs::rename(dir.join("crocus-city-hall.review.toml"), &place).expect("move the review");
    let config = dir.join("config.toml");
    std::fs::write(&config, format!("reviews = \"{}\"\n", folder.display())).expect("config");
    let out = brief(
        &[
            "review",
            "export",
            &annotation.to_string_lossy(),
            "--config",
            &config.to_string_lossy(),
        ],
        &dir,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("3 verdicts by ana"));
    let without = brief(&["review", "export", &annotation.to_string_lossy()], &dir);
    assert_eq!(without.status.code(), Some(1));
    let _ = std::fs::remove_dir_all(&dir);
}

/// The reviewer's own notes go into the folded file with their kind and
/// grading, and it still checks.
#[test]
fn apply_folds_the_reviewers_own_notes_with_kind_and_grading() {
    let dir = scratch("apply-notes");
    let loaded = brief::loader::load_bundled();
    let briefing = loaded.briefing.expect("the bundled briefing");
    let text = &briefing.document.text;
    let start = text.find("Gunmen killed").expect("a passage");
    let mut review = Review::default();
    review.notes.push(brief::review::ReviewNote {
        anchor: Anchor::capture(text, start..start + "Gunmen killed".len()),
        kind: brief::model::NoteKind::Unverified,
        grading: brief::model::Grading {
            reliability: Some('B'),
            credibility: Some(2),
        },
        text: "Casualty figure from one ministry only.".to_string(),
        reviewer: "ana".to_string(),
        at: "2026-12-07T16:20:00Z".to_string(),
    });
    save_review(&dir, &review, &briefing);
    let annotation = dir.join("crocus-city-hall.toml");
    let out = brief(&["review", "apply", &annotation.to_string_lossy()], &dir);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let folded =
        std::fs::read_to_string(dir.join("crocus-city-hall.reviewed.toml")).expect("folded");
    let original = std::fs::read_to_string(&annotation).expect("annotation");
    let added = &folded[original.trim_end().len()..];
    for expected in [
        "kind = \"unverified\"",
        "quote = \"Gunmen killed\"",
        "reliability = \"B\"",
        "credibility = 2",
        "text = \"Review (ana, 2026-12-07T16:20:00Z): Casualty figure from one ministry only.\"",
    ] {
        assert!(added.contains(expected), "{expected} in {added}");
    }
    assert_checks_clean(&dir, "crocus-city-hall.reviewed.toml");
    let _ = std::fs::remove_dir_all(&dir);
}

/// `brief check` warns of the reviewer's own notes that lost their passage
/// too.
#[test]
fn check_warns_of_an_orphaned_note_of_the_reviewers() {
    let dir = scratch("check-note");
    let loaded = brief::loader::load_bundled();
    let briefing = loaded.briefing.expect("the bundled briefing");
    let mut review = Review::default();
    review.notes.push(brief::review::ReviewNote {
        anchor: Anchor {
            quote: "a sentence the author deleted".to_string(),
            prefix: String::new(),
            suffix: String::new(),
            start: 5,
            end: 34,
        },
        kind: brief::model::NoteKind::Gap,
        grading: brief::model::Grading::default(),
        text: "What happened next?".to_string(),
        reviewer: "ana".to_string(),
        at: "2026-12-07T16:50:00Z".to_string(),
    });
    let review_path = save_review(&dir, &review, &briefing);
    let out = brief(&["check", &review_path.to_string_lossy()], &dir);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(
        stdout.contains("warning[review-orphan]: your gap note on \u{201c}a sentence the author deleted\u{201d} finds nothing"),
        "{stdout}"
    );
    assert!(
        stdout.contains("review of 0 verdicts, 1 orphaned; 1 warning, 0 errors"),
        "{stdout}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
