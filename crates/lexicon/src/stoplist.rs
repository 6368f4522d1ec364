//! Place names that are also common words.
//!
//! GeoNames lists thousands of villages whose names are ordinary Arabic or English words
//! ("بين", "Said"); indexing them would turn every "between" into a village. A name is left
//! out of the matcher when it is one short word, or one of the common words below, unless the
//! place is prominent (a capital, a governorate, a city of 100,000 or more).

use crate::model::PlaceEntry;

/// Common Arabic words (normalized, article removed) that are also village names.
const ARABIC: &[&str] = &[
    "من", "في", "علي", "الي", "عن", "مع", "بين", "قال", "ان", "التي", "الذي", "هذا", "هذه",
    "بعد", "قبل", "كان", "حيث", "عند", "كل", "ذلك", "يوم", "امس", "قد", "لم", "لا", "ما",
    "او", "ثم", "حتي", "منذ", "خلال", "ضد", "نحو", "عبر", "تحت", "فوق", "امام", "وراء", "غير",
    "قوات", "جيش", "دوله", "مدينه", "منطقه", "حرب", "سلام", "نصر", "خير", "عين", "تل", "بير",
    "جسر", "سوق", "باب", "دير", "كفر", "قريه", "بلده", "مخيم", "شارع", "حي", "جبل", "وادي",
    "نهر", "بحر", "ساحل", "شمال", "جنوب", "شرق", "غرب", "وسط", "مركز", "قصر", "برج", "بيت",
    "حمام", "قلعه", "مزرعه", "طريق", "ساحه", "جامع", "مسجد", "كنيسه", "مطار", "ميناء",
    "قاعده", "معبر", "حاجز", "نقطه", "جديد", "جديده", "كبير", "كبيره", "صغير", "صغيره",
    "عالي", "عاليه", "سعيد", "سعاده", "امل", "نور", "فجر", "صباح", "مساء", "ليل", "نهار",
    "جمعه", "سبت", "احد", "اثنين", "ثلاثاء", "اربعاء", "خميس", "عام", "شهر", "اسبوع", "ساعه",
    "ابو", "ام", "ابن", "بنت", "اخ", "عائله", "اهل", "ناس", "شعب", "امن", "دفاع", "حريه",
    "عدل", "حق", "حقوق", "وطن", "ثوره", "حمايه", "تحرير", "اتحاد", "وحده", "مجلس", "لجنه",
    "هيئه", "حزب", "جبهه", "حركه", "تنظيم", "فصيل", "لواء", "كتيبه", "فرقه", "قائد", "رئيس",
    "وزير", "ملك", "امير", "شيخ", "سيد", "رجل", "امراه", "طفل", "اطفال", "مدني", "مدنيين",
    "اسلام", "عرب", "كرد", "ترك", "روس", "عراق", "شام", "سلطان", "مراد", "علي", "محمد",
    "حسن", "حسين", "عمر", "عثمان", "خالد", "احمد", "محمود", "مصطفي", "ابراهيم", "يوسف",
    "عيسي", "موسي", "صالح", "سالم", "سليمان", "عباس", "جعفر", "زينب", "فاطمه", "عائشه",
    "اسد", "نمر", "صقر", "نسر", "ذيب", "غزال", "جمال", "كمال", "جلال", "هلال", "بلال",
    "مقاومه", "تفجير", "هجوم", "قصف", "غاره", "اشتباك", "اشتباكات", "معركه", "عمليه",
    "هدنه", "اتفاق", "مفاوضات", "خروج", "دخول", "انسحاب", "اخلاء", "حصار", "قتل", "قتلي",
    "جرحي", "شهيد", "شهداء", "اسري", "معتقلين", "لاجئين", "نازحين", "بحيره", "عيون",
    "سد", "بساتين", "زراعه", "صناعه", "تجاره", "عمال", "شباب", "فلاحين", "سكان", "رجال",
    "فصايل", "تحالف", "بلد", "مصدر", "خرج", "سانا", "منطقه", "حكومه", "دفاع", "شرطه",
    "اخري", "اول", "ثاني", "ثالث", "رابع", "خامس", "اخير", "اخيره", "ضيعه", "حاره",
];

/// Common English words that are also place names somewhere.
const ENGLISH: &[&str] = &[
    "said", "say", "says", "will", "may", "can", "new", "old", "one", "two", "three", "four",
    "five", "six", "ten", "on", "at", "in", "of", "to", "by", "for", "from", "with", "as",
    "is", "was", "be", "are", "had", "has", "have", "not", "no", "yes", "all", "any", "it",
    "its", "he", "she", "we", "they", "them", "his", "her", "our", "their", "this", "that",
    "these", "those", "but", "and", "or", "if", "so", "up", "out", "over", "after", "before",
    "near", "west", "east", "north", "south", "central", "city", "town", "camp", "base",
    "peace", "hope", "union", "victory", "liberty", "independence", "unity", "friday",
    "saturday", "sunday", "monday", "tuesday", "wednesday", "thursday", "march", "may",
    "june", "july", "august", "april", "army", "forces", "police", "state", "media",
    "fighters", "group", "people", "news", "today", "time", "day", "week", "year", "month",
    "military", "killed", "attack", "deal", "talks", "war", "fire", "sea", "river", "hill",
    "mount", "lake", "valley", "bridge", "gate", "market", "mosque", "church", "school",
    "well", "spring", "field", "farm", "station", "port", "road", "street", "square",
    "tower", "palace", "castle", "garden", "park", "center", "centre", "house", "home",
    "said", "amid", "least", "most", "more", "less", "late", "early", "last", "first",
    "second", "third", "next", "good", "great", "green", "red", "white", "black", "blue",
    "sultan", "emir", "king", "sheikh", "ali", "omar", "hassan", "hussein", "mohammed",
    "ahmed", "khalid", "hit", "sana", "media", "coalition", "bus", "buses", "aleppo soap", "nasr", "salam", "amal", "nour", "hama's",
];

/// True when a place name must not be indexed.
pub fn unsafe_place_name(keys: &[String], place: &PlaceEntry) -> bool {
    let prominent = matches!(
        place.feature.as_str(),
        "capital" | "governorate" | "country"
    ) || place.population.unwrap_or(0) >= 100_000;
    if keys.len() != 1 {
        return false;
    }
    let k = keys[0].as_str();
    if k.chars().count() <= 2 {
        return true;
    }
    if k.chars().all(|c| c.is_ascii_digit()) {
        return true;
    }
    let common = ARABIC.contains(&k) || ENGLISH.contains(&k);
    if prominent && matches!(place.feature.as_str(), "capital" | "country" | "governorate") {
        return false;
    }
    common
}
