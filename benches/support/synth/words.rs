//! The generator's randomness (its own SplitMix64, so the same seed gives
//! the same bytes everywhere) and its vocabulary: function words, content
//! words and the syllables names are made of.

#[allow(unused_imports)]
use super::*;

/// SplitMix64: small, fast, and the same on every platform.
pub(super) struct Rng(u64);

impl Rng {
    pub(super) fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub(super) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    pub(super) fn below(&mut self, n: usize) -> usize {
        ((self.next() >> 11) as f64 / (1u64 << 53) as f64 * n as f64) as usize % n.max(1)
    }

    pub(super) fn range(&mut self, range: Range<usize>) -> usize {
        range.start + self.below(range.end - range.start)
    }

    /// Uniform in `[0, 1)`.
    pub(super) fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// True with probability `percent`/100.
    pub(super) fn percent(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    pub(super) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    pub(super) fn word(&mut self, words: &[&'static str]) -> &'static str {
        words[self.below(words.len())]
    }
}

#[rustfmt::skip]
pub(super) const FUNCTION_WORDS: &[&str] = &[
    "the", "the", "the", "of", "of", "and", "and", "to", "to", "in", "in", "a", "a", "that", "for",
    "on", "with", "as", "by", "was", "were", "is", "are", "from", "at", "its", "their", "this",
    "had", "has", "have", "not", "but", "after", "before", "while", "which", "who", "than", "into",
    "over", "under", "between", "during", "said", "also", "more", "most", "some", "other", "no",
    "it", "they", "he", "she", "we", "our", "would", "could", "may", "since",
];

#[rustfmt::skip]
pub(super) const CONTENT_WORDS: &[&str] = &[
    "attack", "report", "analyst", "officials", "border", "forces", "security", "government",
    "ministry", "statement", "sources", "claim", "claimed", "evidence", "intelligence", "warning",
    "operation", "network", "region", "capital", "province", "checkpoint", "convoy", "supply",
    "route", "militants", "police", "army", "units", "raid", "arrests", "suspects", "cell",
    "leaders", "command", "funding", "weapons", "explosives", "drone", "strike", "casualties",
    "civilians", "hospital", "school", "market", "bridge", "airport", "port", "village", "district",
    "negotiations", "ceasefire", "talks", "delegation", "envoy", "sanctions", "exports", "fuel",
    "prices", "shortages", "protests", "crowds", "curfew", "broadcast", "channel", "messages",
    "accounts", "video", "footage", "images", "satellite", "imagery", "assessment", "judgement",
    "confidence", "likely", "unlikely", "possible", "reported", "confirmed", "denied", "unverified",
    "disputed", "alleged", "recent", "earlier", "later", "several", "many", "few", "first",
    "second", "third", "last", "early", "late", "morning", "evening", "night", "week", "month",
    "year", "season", "spring", "summer", "autumn", "winter", "northern", "southern", "eastern",
    "western", "central", "coastal", "rural", "urban", "local", "foreign", "regional", "national",
    "armed", "political", "economic", "financial", "military", "civil", "public", "private",
    "senior", "junior", "former", "acting", "deputy", "chief", "commander", "spokesman",
    "spokeswoman", "minister", "president", "governor", "mayor", "journalist", "witness",
    "witnesses", "residents", "families", "refugees", "camp", "shelter", "aid", "relief", "agency",
    "mission", "patrol", "base", "barracks", "depot", "warehouse", "trucks", "vehicles", "aircraft",
    "vessel", "vessels", "cargo", "shipment", "smuggling", "trafficking", "recruitment",
    "propaganda", "ideology", "movement", "faction", "splinter", "affiliate", "branch",
    "leadership", "succession", "rivalry", "alliance", "partnership", "agreement", "deal", "accord",
    "violation", "incident", "clash", "clashes", "fighting", "offensive", "retreat", "advance",
    "positions", "territory", "control", "influence", "pressure", "threat", "risk", "pattern",
    "trend", "increase", "decrease", "timeline", "chronology", "record", "archive", "documents",
    "memo", "cable", "briefing", "summary", "gap", "question", "answer", "detail", "details",
    "account", "version", "narrative", "interpretation", "motive", "motives", "capability",
    "intent", "plan", "plans", "target", "targets", "venue", "gathering", "concert", "election",
    "vote", "parliament", "court", "trial", "verdict", "prison", "release", "exchange", "hostages",
    "ransom", "kidnapping", "ambush", "mortar", "rocket", "shelling", "blast", "fire", "smoke",
    "damage", "repairs", "power", "water", "roads", "railway", "station", "café", "façade", "naïve",
    "régime", "coördination", "dossier", "attaché", "protégé",
];

#[rustfmt::skip]
pub(super) const FIRST_NAMES: &[&str] = &[
    "Anna", "Pavel", "Amir", "Leila", "Oleg", "Mariam", "Tomas", "Irina", "Yusuf", "Sofia", "Karim",
    "Nadia", "Viktor", "Elena", "Rustam", "Zainab", "Dmitri", "Aisha", "Jonas", "Farida", "Marek",
    "Lucía", "Hamid", "Olga", "Sergei", "Noor", "Andrés", "Katya", "Bilal", "Ingrid", "Timur",
    "Selin", "Goran", "Yara", "Hugo", "Zofia", "Emre", "Dalia", "René", "Ayşe",
];

#[rustfmt::skip]
pub(super) const SYLLABLES: &[&str] = &[
    "ka", "ve", "ro", "mi", "sa", "tor", "lin", "dra", "os", "ul", "ne", "vak", "zen", "pe", "ri",
    "mon", "tal", "bre", "gor", "is", "an", "el", "qua", "shi", "dov", "ar", "bel", "cas", "fen",
    "gra", "hal", "jor", "kes", "lum", "mar", "nov", "or", "pas", "rav", "sel", "tur", "vel", "yar",
    "zol", "ber", "kir", "lé", "rø", "mü", "ña",
];

#[rustfmt::skip]
pub(super) const ORG_WORDS: &[&str] = &[
    "Defence", "Reconstruction", "Trade", "Liberation", "Security", "Relief", "Energy", "Mining",
    "Maritime", "Justice", "Unity", "Frontier", "Heritage", "Transport", "Press",
];

#[rustfmt::skip]
pub(super) const ORG_SUFFIXES: &[&str] = &[
    "Council", "Authority", "Front", "Company", "Agency", "Committee", "Movement", "Bureau",
    "Foundation", "Service", "Union", "Directorate",
];

#[rustfmt::skip]
pub(super) const FACILITIES: &[&str] = &[
    "Airfield", "Port", "Depot", "Station", "Barracks", "Refinery", "Prison", "Bridge", "Dam",
    "Hospital", "Terminal", "Compound",
];

#[rustfmt::skip]
pub(super) const EVENTS: &[&str] = &[
    "Accord", "Raid", "Summit", "Offensive", "Blockade", "Uprising", "Ceasefire", "Bombing",
    "Siege", "Massacre", "Talks", "Election",
];

#[rustfmt::skip]
pub(super) const GROUPS: &[&str] = &[
    "Brigade", "Cell", "Network", "Militia", "Battalion", "Faction", "Circle", "Column",
];

#[rustfmt::skip]
pub(super) const RELATION_KINDS: &[&str] = &[
    "funds", "commands", "allied with", "located in", "supplies", "reports to", "met with",
    "rival of", "member of", "attacked", "negotiated with", "owns",
];

pub(super) const NOTE_KINDS: &[&str] = &["comment", "unverified", "disputed", "error", "gap"];

#[rustfmt::skip]
pub(super) const MENTION_KINDS: &[&str] = &[
    "subject", "location", "target", "source", "perpetrator", "victim", "sponsor",
];

pub(super) fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

pub(super) fn word(rng: &mut Rng) -> &'static str {
    if rng.percent(40) {
        rng.word(FUNCTION_WORDS)
    } else {
        rng.word(CONTENT_WORDS)
    }
}
