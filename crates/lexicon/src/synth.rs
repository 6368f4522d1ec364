//! Synthetic Arabic conflict news for benchmarks: articles built from the lexicon's own actor,
//! outlet and place names in the sentence shapes of wire copy.
//!
//! Why a generator: the project's real corpora are small (the GSR reports are ~1 MB) and may
//! not be redistributed, while throughput and memory must be measured on hundreds of MB. The
//! text is generated at bench time and never committed. It is deterministic (a seed gives the
//! same corpus on every machine) and shaped like the reports raqib codes: a headline, a
//! dateline with an outlet, a lead, and body paragraphs mixing shelling, air strikes, clashes,
//! casualty tolls, ceasefires, evacuation convoys, statements, denials, protests and
//! background sentences, with dates (relative days, weekdays, month names) and numbers in both
//! digit systems. None of it reports anything that happened.

use crate::{ActorKind, Lexicon};

/// Sentence shapes. Slots: `{A}` `{B}` armed or state actors, `{G}` a government or
/// institution, `{O}` an outlet or monitor, `{P}` `{Q}` places, `{N}` `{M}` numbers, `{D}` a
/// day expression, `{T}` a date with a month name.
const EVENTS: &[&str] = &[
    // Shelling and air strikes.
    "قصفت {A} مدينة {P} بالصواريخ {D}، ما أدى إلى مقتل {N} مدنيين وإصابة {M} آخرين بجروح.",
    "استهدفت {A} بلدة {P} بعشرات القذائف المدفعية وصواريخ الراجمات، وفق ما أفاد به {O}.",
    "شنت طائرات {A} غارات جوية عدة على أحياء {P} السكنية {D}، ودمرت مستشفى ميدانياً.",
    "سقطت قذائف هاون على حي في {P} مصدرها مواقع {A} في {Q}، وأسفرت عن أضرار مادية.",
    "وقصف الطيران المروحي التابع لـ{A} قرى ريف {P} بالبراميل المتفجرة.",
    "وأفاد {O} بأن {N} أشخاص قتلوا، بينهم {M} أطفال، جراء غارات استهدفت سوقاً شعبياً في {P}.",
    // Clashes.
    "اندلعت اشتباكات عنيفة بين {A} و{B} على أطراف {P} منذ صباح {D}.",
    "وتمكنت {A} من السيطرة على قرية {P} بعد معارك مع {B} استمرت {N} ساعات.",
    "وأحبطت {A} محاولة تسلل لعناصر {B} على محور {P}، وقتلت عدداً منهم.",
    "هاجم مسلحون من {A} حاجزاً لـ{B} قرب {P}، ما أدى إلى مقتل {N} عناصر.",
    // Ceasefire, talks and agreements.
    "أعلن {A} التوصل إلى اتفاق مع {B} لوقف إطلاق النار في {P} برعاية روسية يبدأ سريانه {D}.",
    "ودخلت الهدنة في {P} حيز التنفيذ منتصف ليل {D}، وسط خروقات متبادلة بين {A} و{B}.",
    "وعقد وفد من {A} اجتماعاً مع ممثلين عن {B} في {Q} لبحث تثبيت التهدئة في {P}.",
    "واتهم {G} {A} بخرق اتفاق التهدئة في {P} أكثر من {N} مرة خلال {D}.",
    // Evacuations.
    "خرجت الدفعة الثالثة من مقاتلي {A} وعائلاتهم من {P} باتجاه {Q} في {N} حافلة.",
    "ووصلت قافلة تقل {M} شخصاً من المدنيين والمقاتلين المهجرين من {P} إلى {Q} {D}.",
    "وتوقفت عملية إجلاء الجرحى من {P} بعد أن منعت {A} مرور الحافلات عند معبر {Q}.",
    "ودخلت قافلة مساعدات تابعة للأمم المتحدة إلى {P} تضم {N} شاحنة محملة بالمواد الغذائية والطبية.",
    // Statements, claims, denials.
    "وقال {G} في بيان إن {B} استهدف مواقعه في محيط {P} بالقذائف المدفعية {D}.",
    "ونفى {B} أن يكون قد شن هجوماً على {P}، متهماً {A} بفبركة الرواية.",
    "ونفت {A} في بيان مسؤوليتها عن قصف {P}، مؤكدة أنها تلتزم بوقف إطلاق النار.",
    "وتبنى {A} في بيان نشره على قنواته الهجوم على مواقع {B} في {P}.",
    "وحذر {G} من أن التصعيد في {P} يهدد حياة {M} ألف مدني محاصرين في المدينة.",
    "وهدد {A} بشن عملية عسكرية واسعة في {P} إذا لم ينسحب {B} خلال أيام.",
    "ودعا {G} جميع الأطراف إلى ضبط النفس وفتح ممرات آمنة لخروج المدنيين من {P}.",
    // Protests, arrests.
    "تظاهر المئات في {P} احتجاجاً على الحصار الذي يفرضه {A}، وفق ما ذكره ناشطون.",
    "واعتقلت {A} {N} شباناً خلال حملة مداهمات في {P} {D}، بحسب {O}.",
    "وأطلقت {A} الرصاص الحي لتفريق متظاهرين في {P}، ما أدى إلى إصابة {N} منهم.",
];

/// Background and context sentences: no event, as in real copy.
const BACKGROUND: &[&str] = &[
    "وتشهد {P} منذ أسابيع تصعيداً عسكرياً هو الأعنف منذ بدء اتفاق خفض التصعيد.",
    "ويعيش في {P} نحو {M} ألف نسمة، بحسب تقديرات الأمم المتحدة.",
    "وكانت {P} قد شهدت في {T} معارك مماثلة انتهت بتسوية برعاية روسية.",
    "ويأتي ذلك بعد أيام من زيارة وفد من {G} إلى {Q}.",
    "وتعد {P} من أبرز المناطق الخاضعة لسيطرة {A} في ريف {Q}.",
    "ولم يتسن التحقق من صحة هذه المعلومات من مصدر مستقل.",
];

/// Headline shapes.
const HEADLINES: &[&str] = &[
    "قتلى وجرحى بقصف على {P}",
    "اشتباكات بين {A} و{B} في ريف {P}",
    "{A} تعلن السيطرة على {P}",
    "خروج دفعة جديدة من المهجرين من {P}",
    "اتفاق لوقف إطلاق النار في {P}",
    "{B} ينفي مسؤوليته عن هجوم {P}",
];

const DAYS: &[&str] = &[
    "أمس",
    "اليوم",
    "الجمعة",
    "يوم السبت",
    "مساء الأحد",
    "فجر الإثنين",
    "الثلاثاء الماضي",
    "الأسبوع الماضي",
    "صباح اليوم",
    "ليل الخميس",
];

const MONTHS: &[&str] = &[
    "كانون الثاني/يناير",
    "شباط/فبراير",
    "آذار/مارس",
    "نيسان/أبريل",
    "أيار/مايو",
    "حزيران/يونيو",
    "تموز/يوليو",
    "آب/أغسطس",
    "أيلول/سبتمبر",
    "تشرين الأول/أكتوبر",
    "تشرين الثاني/نوفمبر",
    "كانون الأول/ديسمبر",
];

/// One generated article.
#[derive(Debug, Clone)]
pub struct Article {
    /// `synth-N`.
    pub id: String,
    /// Publication date `YYYY-MM-DD`.
    pub date: String,
    /// The outlet's name.
    pub source: String,
    /// Headline, dateline and paragraphs, lines separated by `\n`.
    pub text: String,
    /// Sentences written (headline included).
    pub sentences: usize,
}

/// A deterministic stream of [`Article`]s drawn from a lexicon's names.
#[derive(Debug, Clone)]
pub struct NewsGenerator {
    armed: Vec<String>,
    official: Vec<String>,
    outlets: Vec<String>,
    places: Vec<String>,
    state: u64,
    next_id: u64,
}

/// The first Arabic name of a list, if any.
fn arabic(names: &[String]) -> Option<&String> {
    names
        .iter()
        .find(|n| n.chars().any(|c| ('\u{600}'..='\u{6ff}').contains(&c)))
}

impl NewsGenerator {
    /// A generator over `lex`'s Arabic names; the same `seed` gives the same articles.
    pub fn new(lex: &Lexicon, seed: u64) -> NewsGenerator {
        let mut armed = Vec::new();
        let mut official = Vec::new();
        let mut outlets = Vec::new();
        for a in &lex.actors {
            let Some(name) = a.name_ar.clone().or_else(|| arabic(&a.aliases_ar).cloned()) else {
                continue;
            };
            match a.kind {
                ActorKind::ArmedForce | ActorKind::ArmedGroup | ActorKind::Security => {
                    armed.push(name)
                }
                ActorKind::State
                | ActorKind::Government
                | ActorKind::Institution
                | ActorKind::Igo
                | ActorKind::Ngo
                | ActorKind::Party => official.push(name),
                ActorKind::Outlet => outlets.push(name),
                ActorKind::Person | ActorKind::Generic => {}
            }
        }
        let places: Vec<String> = lex
            .places
            .iter()
            .filter(|p| matches!(p.country.as_str(), "SYR" | "IRQ" | "YEM" | "LBN" | "LBY"))
            .filter_map(|p| arabic(&p.names).cloned())
            .collect();
        // Never empty, so a lexicon without some kind still generates text.
        let or = |v: Vec<String>, d: &str| if v.is_empty() { vec![d.to_string()] } else { v };
        NewsGenerator {
            armed: or(armed, "قوات النظام"),
            official: or(official, "وزارة الخارجية"),
            outlets: or(outlets, "المرصد السوري لحقوق الإنسان"),
            places: or(places, "دوما"),
            state: seed ^ 0x9E37_79B9_7F4A_7C15,
            next_id: 0,
        }
    }

    /// The next pseudo-random number (SplitMix64).
    fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    fn pick<'s>(&mut self, v: &'s [&'s str]) -> &'s str {
        v[self.below(v.len())]
    }

    fn name(&mut self, which: char) -> String {
        let r = self.next_u64();
        let v = match which {
            'A' | 'B' => &self.armed,
            'G' => &self.official,
            'O' => &self.outlets,
            _ => &self.places,
        };
        v[(r % v.len() as u64) as usize].clone()
    }

    /// A number, in Western or Arabic-Indic digits.
    fn number(&mut self) -> String {
        let n = 2 + self.below(60);
        let s = n.to_string();
        if self.below(4) == 0 {
            s.chars()
                .map(|c| char::from_u32('٠' as u32 + c.to_digit(10).unwrap_or(0)).unwrap_or(c))
                .collect()
        } else {
            s
        }
    }

    /// Fill the slots of `shape` into `out`.
    fn fill(&mut self, shape: &str, out: &mut String) {
        let mut rest = shape;
        while let Some(i) = rest.find('{') {
            out.push_str(&rest[..i]);
            let slot = rest[i + 1..].chars().next().unwrap_or('P');
            match slot {
                'N' | 'M' => {
                    let n = self.number();
                    out.push_str(&n);
                }
                'D' => {
                    let d = self.pick(DAYS);
                    out.push_str(d);
                }
                'T' => {
                    let day = 1 + self.below(28);
                    let month = self.pick(MONTHS);
                    let year = 2012 + self.below(8);
                    out.push_str(&format!("{day} {month} {year}"));
                }
                c => {
                    let n = self.name(c);
                    out.push_str(&n);
                }
            }
            rest = rest[i + 1..].split_once('}').map_or("", |(_, r)| r);
        }
        out.push_str(rest);
    }

    /// The next article: a headline, a dateline and lead, then two to six paragraphs of one to
    /// three sentences, about one in five of them background.
    pub fn article(&mut self) -> Article {
        let id = format!("synth-{}", self.next_id);
        self.next_id += 1;
        let date = format!(
            "20{:02}-{:02}-{:02}",
            12 + self.below(8),
            1 + self.below(12),
            1 + self.below(28)
        );
        let source = self.name('O');
        let mut text = String::with_capacity(2048);
        let headline = self.pick(HEADLINES);
        self.fill(headline, &mut text);
        text.push_str("\n\n");
        let city = self.name('P');
        text.push_str(&format!("{city} - {source} - "));
        let mut sentences = 1;
        let lead = self.pick(EVENTS);
        self.fill(lead, &mut text);
        sentences += 1;
        let paragraphs = 2 + self.below(5);
        for _ in 0..paragraphs {
            text.push_str("\n\n");
            let n = 1 + self.below(3);
            for k in 0..n {
                if k > 0 {
                    text.push(' ');
                }
                let shape = if self.below(5) == 0 {
                    self.pick(BACKGROUND)
                } else {
                    self.pick(EVENTS)
                };
                self.fill(shape, &mut text);
                sentences += 1;
            }
        }
        text.push('\n');
        Article {
            id,
            date,
            source,
            text,
            sentences,
        }
    }
}

impl Iterator for NewsGenerator {
    type Item = Article;

    fn next(&mut self) -> Option<Article> {
        Some(self.article())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn articles_are_deterministic_arabic_and_fill_every_slot() {
        let lex = Lexicon::shared().unwrap();
        let a: Vec<Article> = NewsGenerator::new(&lex, 1).take(50).collect();
        let b: Vec<Article> = NewsGenerator::new(&lex, 1).take(50).collect();
        let c = NewsGenerator::new(&lex, 2).article();
        assert_eq!(a[7].text, b[7].text, "same seed, same corpus");
        assert_ne!(a[0].text, c.text, "another seed, another corpus");
        for x in &a {
            assert!(!x.text.contains('{') && !x.text.contains('}'), "{}", x.text);
            assert!(x.sentences >= 4, "{}", x.sentences);
            assert!(crate::dates::parse_iso(&x.date).is_some(), "{}", x.date);
            let arabic = x
                .text
                .chars()
                .filter(|c| ('\u{600}'..='\u{6ff}').contains(c));
            assert!(arabic.count() * 2 > x.text.chars().count(), "{}", x.text);
        }
    }

    #[test]
    fn the_lexicon_finds_the_names_the_generator_wrote() {
        let lex = Lexicon::shared().unwrap();
        let art = NewsGenerator::new(&lex, 3).article();
        let doc = raqib_text::analyze(&art.text, &raqib_text::Options::default());
        let found = lex.find_all(&doc);
        assert!(found.len() >= 3, "{} mentions in {}", found.len(), art.text);
    }
}
