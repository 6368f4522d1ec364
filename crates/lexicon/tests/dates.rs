//! Date expressions in real-style Arabic and English news sentences: each case checks the exact
//! text of the span, the resolved value and the precision.

/// Everything under one module so that `cargo test -p raqib-lexicon dates` runs all cases.
mod dates {
    use chrono::NaiveDate;
    use raqib_lexicon::dates::{find_dates, parse_iso, DateMention, Precision};
    use raqib_text::{analyze, Options};

    fn d(s: &str) -> NaiveDate {
        parse_iso(s).unwrap_or_else(|| panic!("bad test date {s}"))
    }

    /// Every mention of `text` with `anchor`, as (span text, mention).
    fn all(text: &str, anchor: Option<&str>) -> Vec<(String, DateMention)> {
        let doc = analyze(text, &Options::default());
        find_dates(&doc, text, anchor.map(d))
            .into_iter()
            .map(|m| (m.span.slice(text).to_string(), m))
            .collect()
    }

    /// The one mention of `text`; fails when there is none or more than one.
    fn only(text: &str, anchor: Option<&str>) -> (String, DateMention) {
        let mut v = all(text, anchor);
        assert_eq!(
            v.len(),
            1,
            "expected one date in {text:?}, got {:?}",
            v.iter().map(|x| &x.0).collect::<Vec<_>>()
        );
        v.remove(0)
    }

    /// One mention with this text, day value and precision.
    fn day(text: &str, anchor: Option<&str>, span: &str, value: &str, prec: Precision) {
        let (t, m) = only(text, anchor);
        assert_eq!(t, span, "span of {text:?}");
        assert_eq!(m.value, Some(d(value)), "value of {text:?}");
        assert_eq!(m.precision, prec, "precision of {text:?}");
    }

    /// One period mention with this text, from, to and precision (value = from).
    fn period(text: &str, anchor: Option<&str>, span: &str, from: &str, to: &str, prec: Precision) {
        let (t, m) = only(text, anchor);
        assert_eq!(t, span, "span of {text:?}");
        assert_eq!(m.from, Some(d(from)), "from of {text:?}");
        assert_eq!(m.to, Some(d(to)), "to of {text:?}");
        assert_eq!(m.value, Some(d(from)), "value of {text:?}");
        assert_eq!(m.precision, prec, "precision of {text:?}");
    }

    fn none(text: &str, anchor: Option<&str>) {
        let v = all(text, anchor);
        assert!(
            v.is_empty(),
            "expected no date in {text:?}, got {:?}",
            v.iter().map(|x| &x.0).collect::<Vec<_>>()
        );
    }

    const A: Option<&str> = Some("2018-04-07"); // a Saturday

    // ---- weekdays with أمس / اليوم / parts of the day ----

    #[test]
    fn yesterday_with_weekday_is_one_expression_the_day_before_the_anchor() {
        day(
            "وتجددت المواجهات أمس الجمعة في ريف دمشق.",
            A,
            "أمس الجمعة",
            "2018-04-06",
            Precision::Day,
        );
    }

    #[test]
    fn today_with_weekday_is_the_anchor_when_it_is_that_day() {
        day(
            "أفاد مصدر رسمي اليوم الأحد بخروج دفعة جديدة من المسلحين.",
            Some("2018-04-01"),
            "اليوم الأحد",
            "2018-04-01",
            Precision::Day,
        );
    }

    #[test]
    fn yesterday_thursday_stopped() {
        day(
            "وكان القصف قد توقف أمس الخميس بعد ساعات من الاتفاق.",
            Some("2018-04-06"),
            "أمس الخميس",
            "2018-04-05",
            Precision::Day,
        );
    }

    #[test]
    fn dawn_of_yesterday_wednesday_keeps_the_part_of_day() {
        let (t, m) = only(
            "وشنت الطائرات غارات فجر أمس الأربعاء على مدينة دوما.",
            Some("2018-04-12"),
        );
        assert_eq!(t, "فجر أمس الأربعاء");
        assert_eq!(m.value, Some(d("2018-04-11")));
        assert_eq!(m.precision, Precision::Day);
        assert_eq!(m.part_of_day, Some("dawn"));
        assert!(m.relative);
    }

    #[test]
    fn yesterday_wins_when_the_weekday_disagrees() {
        // 2018-04-07 is a Saturday; "أمس الخميس" should be Friday, but أمس is trusted.
        day(
            "وقال المرصد إن الهدوء ساد أمس الخميس.",
            A,
            "أمس الخميس",
            "2018-04-06",
            Precision::Day,
        );
    }

    #[test]
    fn yesterday_with_weekday_in_parentheses() {
        day(
            "أعلنت الوزارة أمس (الجمعة) عن وصول القافلة.",
            A,
            "أمس (الجمعة)",
            "2018-04-06",
            Precision::Day,
        );
    }

    #[test]
    fn bare_weekday_is_the_most_recent_one_on_or_before_the_anchor() {
        day(
            "وصلت الحافلات إلى جرابلس الخميس وسط إجراءات أمنية.",
            A,
            "الخميس",
            "2018-04-05",
            Precision::Day,
        );
    }

    #[test]
    fn weekday_with_conjunction_clitic() {
        day(
            "وتواصلت عمليات الإجلاء والخميس أيضا.",
            A,
            "والخميس",
            "2018-04-05",
            Precision::Day,
        );
    }

    #[test]
    fn evening_of_weekday_with_day_word() {
        let (t, m) = only("وخرجت الدفعة الأولى مساء يوم الثلاثاء من حرستا.", A);
        assert_eq!(t, "مساء يوم الثلاثاء");
        assert_eq!(m.value, Some(d("2018-04-03")));
        assert_eq!(m.part_of_day, Some("evening"));
    }

    #[test]
    fn night_between_two_weekdays_resolves_to_the_first() {
        let (t, m) = only(
            "وسمعت انفجارات ليل السبت - الأحد في المدينة.",
            Some("2018-04-08"),
        );
        assert_eq!(t, "ليل السبت - الأحد");
        assert_eq!(m.value, Some(d("2018-04-07")));
        assert_eq!(m.part_of_day, Some("night"));
    }

    #[test]
    fn last_friday_is_strictly_before_the_anchor() {
        day(
            "وكانت الفصائل قد وقعت الاتفاق الجمعة الماضية.",
            Some("2018-04-13"),
            "الجمعة الماضية",
            "2018-04-06",
            Precision::Day,
        );
    }

    #[test]
    fn friday_prayers_are_not_a_date() {
        none("وألقى خطيب المسجد خطبة الجمعة وسط حضور كبير.", A);
        none("وخرج المصلون بعد صلاة الجمعة في مظاهرة.", A);
    }

    #[test]
    fn bare_monday_is_the_two_and_not_a_date() {
        none("واتفق الاثنان على أن الاثنين سيلتقيان لاحقا.", A);
    }

    #[test]
    fn monday_after_a_day_word_is_a_date() {
        day(
            "وبدأت المفاوضات يوم الاثنين في أنقرة.",
            A,
            "يوم الاثنين",
            "2018-04-02",
            Precision::Day,
        );
    }

    #[test]
    fn one_without_article_is_not_sunday() {
        none("ولم يصب أحد بأذى في الهجوم.", A);
    }

    // ---- English weekdays ----

    #[test]
    fn english_on_monday_when_the_anchor_is_a_monday() {
        day(
            "Rebels began leaving the town on Monday, state media said.",
            Some("2018-04-02"),
            "on Monday",
            "2018-04-02",
            Precision::Day,
        );
    }

    #[test]
    fn english_on_saturday_night() {
        let (t, m) = only(
            "Buses left Douma on Saturday night under Russian escort.",
            Some("2018-04-08"),
        );
        assert_eq!(t, "on Saturday night");
        assert_eq!(m.value, Some(d("2018-04-07")));
        assert_eq!(m.part_of_day, Some("night"));
    }

    #[test]
    fn english_announced_on_sunday() {
        day(
            "The ministry announced on Sunday that the evacuation was complete.",
            Some("2018-04-02"),
            "on Sunday",
            "2018-04-01",
            Precision::Day,
        );
    }

    #[test]
    fn english_late_on_thursday() {
        let (t, m) = only("Shelling resumed late on Thursday, residents said.", A);
        assert_eq!(t, "late on Thursday");
        assert_eq!(m.value, Some(d("2018-04-05")));
        assert_eq!(m.part_of_day, Some("night"));
    }

    #[test]
    fn english_yesterday_comma_friday() {
        day(
            "The convoy arrived yesterday, Friday, in Idlib.",
            A,
            "yesterday, Friday",
            "2018-04-06",
            Precision::Day,
        );
    }

    #[test]
    fn english_friday_prayers_are_not_a_date() {
        none("Thousands gathered after Friday prayers in the square.", A);
    }

    // ---- relative days ----

    #[test]
    fn bare_yesterday_with_preposition_clitic() {
        day(
            "وأعلنت الوزارة بالأمس عن تسوية جديدة.",
            A,
            "بالأمس",
            "2018-04-06",
            Precision::Day,
        );
    }

    #[test]
    fn day_before_yesterday_three_ways() {
        day(
            "وقتل شخصان أول من أمس في القصف.",
            A,
            "أول من أمس",
            "2018-04-05",
            Precision::Day,
        );
        day(
            "وقتل شخصان أمس الأول في القصف.",
            A,
            "أمس الأول",
            "2018-04-05",
            Precision::Day,
        );
        day(
            "Two people were killed the day before yesterday.",
            A,
            "the day before yesterday",
            "2018-04-05",
            Precision::Day,
        );
    }

    #[test]
    fn tomorrow_and_day_after_tomorrow() {
        day(
            "ومن المقرر أن تخرج الدفعة غداً.",
            A,
            "غداً",
            "2018-04-08",
            Precision::Day,
        );
        day(
            "وتبدأ المفاوضات بعد غد في جنيف.",
            A,
            "بعد غد",
            "2018-04-09",
            Precision::Day,
        );
    }

    #[test]
    fn last_night_arabic_and_english() {
        let (t, m) = only("وتعرضت البلدة لقصف عنيف الليلة الماضية.", A);
        assert_eq!(t, "الليلة الماضية");
        assert_eq!(m.value, Some(d("2018-04-06")));
        assert_eq!(m.part_of_day, Some("night"));
        let (t, m) = only("Airstrikes hit the town last night, activists said.", A);
        assert_eq!(t, "last night");
        assert_eq!(m.value, Some(d("2018-04-06")));
        assert_eq!(m.part_of_day, Some("night"));
    }

    #[test]
    fn morning_of_today() {
        let (t, m) = only("وصلت صباح اليوم ثلاث حافلات إلى المعبر.", A);
        assert_eq!(t, "صباح اليوم");
        assert_eq!(m.value, Some(d("2018-04-07")));
        assert_eq!(m.part_of_day, Some("morning"));
    }

    #[test]
    fn afternoon_of_yesterday() {
        let (t, m) = only("واستهدفت القذائف الحي بعد ظهر أمس.", A);
        assert_eq!(t, "بعد ظهر أمس");
        assert_eq!(m.value, Some(d("2018-04-06")));
        assert_eq!(m.part_of_day, Some("afternoon"));
    }

    #[test]
    fn two_and_three_days_ago() {
        day(
            "وكانت الفصائل قد سلمت أسلحتها قبل يومين.",
            A,
            "قبل يومين",
            "2018-04-05",
            Precision::Day,
        );
        day(
            "وبدأت العملية قبل ثلاثة أيام.",
            A,
            "قبل ثلاثة أيام",
            "2018-04-04",
            Precision::Day,
        );
        day(
            "The siege was lifted two days ago.",
            A,
            "two days ago",
            "2018-04-05",
            Precision::Day,
        );
    }

    #[test]
    fn days_before_another_event_are_not_relative_to_the_anchor() {
        none("وذلك قبل يومين من موعد الانتخابات.", A);
    }

    #[test]
    fn the_next_day_is_not_today() {
        none("وفي اليوم التالي خرجت الدفعة الثانية.", A);
    }

    #[test]
    fn english_today_and_yesterday() {
        day(
            "Fighting broke out again today near Afrin.",
            A,
            "today",
            "2018-04-07",
            Precision::Day,
        );
        let (t, m) = only("The UN said yesterday morning that aid was blocked.", A);
        assert_eq!(t, "yesterday morning");
        assert_eq!(m.value, Some(d("2018-04-06")));
        assert_eq!(m.part_of_day, Some("morning"));
    }

    // ---- periods ----

    #[test]
    fn over_the_last_two_days_arabic() {
        period(
            "وخرج أكثر من خمسة آلاف شخص خلال اليومين الماضيين.",
            A,
            "خلال اليومين الماضيين",
            "2018-04-05",
            "2018-04-06",
            Precision::Day,
        );
    }

    #[test]
    fn over_the_past_days_is_a_week_up_to_the_anchor() {
        period(
            "وتصاعدت حدة الاشتباكات خلال الأيام الماضية.",
            A,
            "خلال الأيام الماضية",
            "2018-03-31",
            "2018-04-07",
            Precision::Week,
        );
        period(
            "وشهدت المنطقة في الأيام الأخيرة هدوءا حذرا.",
            A,
            "الأيام الأخيرة",
            "2018-03-31",
            "2018-04-07",
            Precision::Week,
        );
    }

    #[test]
    fn last_24_hours() {
        period(
            "وسجل المرصد مقتل 12 مدنيا خلال الساعات الـ24 الماضية.",
            A,
            "خلال الساعات الـ24 الماضية",
            "2018-04-06",
            "2018-04-07",
            Precision::Day,
        );
        period(
            "ولم تسجل أي خروقات خلال الساعات الماضية.",
            A,
            "خلال الساعات الماضية",
            "2018-04-06",
            "2018-04-07",
            Precision::Day,
        );
    }

    #[test]
    fn last_week_is_the_previous_saturday_to_friday() {
        // Anchor Wednesday 2018-04-11: its week began Saturday 04-07.
        period(
            "ووقع الطرفان الاتفاق الأسبوع الماضي في أنقرة.",
            Some("2018-04-11"),
            "الأسبوع الماضي",
            "2018-03-31",
            "2018-04-06",
            Precision::Week,
        );
    }

    #[test]
    fn last_month_is_the_previous_calendar_month() {
        period(
            "وكانت القوات قد سيطرت على البلدة الشهر الماضي.",
            A,
            "الشهر الماضي",
            "2018-03-01",
            "2018-03-31",
            Precision::Month,
        );
    }

    #[test]
    fn since_the_start_of_the_month_runs_to_the_anchor() {
        period(
            "وقتل 40 شخصا منذ بداية الشهر الجاري.",
            A,
            "منذ بداية الشهر الجاري",
            "2018-04-01",
            "2018-04-07",
            Precision::Month,
        );
    }

    #[test]
    fn english_periods() {
        period(
            "More than 100,000 people have fled in recent days.",
            A,
            "in recent days",
            "2018-03-31",
            "2018-04-07",
            Precision::Week,
        );
        period(
            "Some 20,000 left over the past two days.",
            A,
            "over the past two days",
            "2018-04-05",
            "2018-04-06",
            Precision::Day,
        );
        // ISO weeks in English: anchor Saturday 2018-04-07, last week Monday 03-26 – Sunday 04-01.
        period(
            "The talks collapsed last week.",
            A,
            "last week",
            "2018-03-26",
            "2018-04-01",
            Precision::Week,
        );
        period(
            "Clashes erupted earlier this month.",
            A,
            "earlier this month",
            "2018-04-01",
            "2018-04-07",
            Precision::Month,
        );
    }

    // ---- absolute dates ----

    #[test]
    fn day_month_year_levantine_and_egyptian_names() {
        day(
            "وقعت المجزرة في 7 نيسان 2018 في دوما.",
            None,
            "7 نيسان 2018",
            "2018-04-07",
            Precision::Day,
        );
        day(
            "وقعت المجزرة في 7 أبريل 2018 في دوما.",
            None,
            "7 أبريل 2018",
            "2018-04-07",
            Precision::Day,
        );
    }

    #[test]
    fn double_month_name_with_slash() {
        let (t, m) = only("دمشق في 7 نيسان/أبريل 2018 (سانا)", None);
        assert_eq!(t, "7 نيسان/أبريل 2018");
        assert_eq!(m.value, Some(d("2018-04-07")));
        assert!(!m.relative);
    }

    #[test]
    fn arabic_indic_digits() {
        day(
            "بتاريخ ٧ نيسان ٢٠١٨ أعلن الجيش",
            None,
            "٧ نيسان ٢٠١٨",
            "2018-04-07",
            Precision::Day,
        );
    }

    #[test]
    fn two_word_month_names() {
        day(
            "انطلقت العملية في 20 كانون الثاني 2018.",
            None,
            "20 كانون الثاني 2018",
            "2018-01-20",
            Precision::Day,
        );
        day(
            "في 9 تشرين الأول 2019 بدأ الهجوم التركي.",
            None,
            "9 تشرين الأول 2019",
            "2019-10-09",
            Precision::Day,
        );
    }

    #[test]
    fn weekday_before_date_is_part_of_it() {
        day(
            "وصلت القافلة السبت 7 نيسان.",
            A,
            "السبت 7 نيسان",
            "2018-04-07",
            Precision::Day,
        );
    }

    #[test]
    fn ordinal_day_words() {
        day(
            "وذلك في السابع من نيسان.",
            A,
            "السابع من نيسان",
            "2018-04-07",
            Precision::Day,
        );
        day(
            "بدأت الحملة في الحادي والعشرين من شباط الماضي.",
            A,
            "الحادي والعشرين من شباط الماضي",
            "2018-02-21",
            Precision::Day,
        );
        day(
            "في الثاني عشر من آذار 2018",
            None,
            "الثاني عشر من آذار 2018",
            "2018-03-12",
            Precision::Day,
        );
        // "نيسان الماضي" written on 2018-04-03: last year's 20 April.
        day(
            "قتل في العشرين من نيسان الماضي.",
            Some("2018-04-03"),
            "العشرين من نيسان الماضي",
            "2017-04-20",
            Precision::Day,
        );
    }

    #[test]
    fn year_less_date_in_the_future_is_last_year() {
        // Anchor 2018-01-10: "28 كانون الأول" is December 2017.
        day(
            "وكان الاتفاق قد وقع في 28 كانون الأول.",
            Some("2018-01-10"),
            "28 كانون الأول",
            "2017-12-28",
            Precision::Day,
        );
    }

    #[test]
    fn month_with_year_and_month_alone() {
        period(
            "خلال نيسان 2018 قتل المئات",
            None,
            "نيسان 2018",
            "2018-04-01",
            "2018-04-30",
            Precision::Month,
        );
        period(
            "وفي شهر آذار سيطر الجيش على الغوطة.",
            A,
            "شهر آذار",
            "2018-03-01",
            "2018-03-31",
            Precision::Month,
        );
    }

    #[test]
    fn years() {
        period(
            "وفي عام 2017 تراجعت المعارك.",
            None,
            "عام 2017",
            "2017-01-01",
            "2017-12-31",
            Precision::Year,
        );
        period(
            "تحاصر القوات المدينة منذ 2013.",
            None,
            "2013",
            "2013-01-01",
            "2013-12-31",
            Precision::Year,
        );
    }

    #[test]
    fn numbers_that_are_not_years() {
        none("وقتل 2017 شخصا في الغارات.", A);
    }

    #[test]
    fn english_absolute_dates() {
        day(
            "DAMASCUS, April 7, 2018 (Reuters)",
            None,
            "April 7, 2018",
            "2018-04-07",
            Precision::Day,
        );
        day(
            "The attack of 7 April 2018 killed dozens.",
            None,
            "7 April 2018",
            "2018-04-07",
            Precision::Day,
        );
        day(
            "Talks resumed on April 2 in Astana.",
            A,
            "on April 2",
            "2018-04-02",
            Precision::Day,
        );
        period(
            "Fighting intensified in April.",
            A,
            "in April",
            "2018-04-01",
            "2018-04-30",
            Precision::Month,
        );
        period(
            "Since April 2018 the town has been quiet.",
            None,
            "Since April 2018",
            "2018-04-01",
            "2018-04-30",
            Precision::Month,
        );
    }

    #[test]
    fn numeric_dates() {
        day(
            "تاريخ النشر: 2018-04-07",
            None,
            "2018-04-07",
            "2018-04-07",
            Precision::Day,
        );
        day(
            "تاريخ النشر: 07/04/2018",
            None,
            "07/04/2018",
            "2018-04-07",
            Precision::Day,
        );
        day(
            "Published 07.04.2018 in Damascus",
            None,
            "07.04.2018",
            "2018-04-07",
            Precision::Day,
        );
    }

    #[test]
    fn impossible_dates_give_no_mention() {
        none("تاريخ النشر: 31/02/2018", A);
        none("وقع الهجوم في 31 شباط 2018.", A);
    }

    #[test]
    fn without_anchor_relative_expressions_have_no_value() {
        let (t, m) = only("وتجددت المواجهات أمس الجمعة.", None);
        assert_eq!(t, "أمس الجمعة");
        assert_eq!(m.value, None);
        assert!(m.relative);
        let (_, m) = only("خلال اليومين الماضيين", None);
        assert_eq!((m.value, m.from, m.to), (None, None, None));
        let (_, m) = only("في السابع من نيسان", None);
        assert_eq!(m.value, None);
    }

    // ---- Hijri ----

    #[test]
    fn hijri_date_with_year_converts_with_the_tabular_calendar() {
        day(
            "الجمعة 15 رمضان 1439 هـ",
            None,
            "الجمعة 15 رمضان 1439 هـ",
            "2018-05-30",
            Precision::Day,
        );
    }

    #[test]
    fn hijri_year_alone() {
        period(
            "في عام 1439 هـ",
            None,
            "عام 1439 هـ",
            "2017-09-22",
            "2018-09-11",
            Precision::Year,
        );
    }

    #[test]
    fn ramadan_alone_is_a_name() {
        none("وقال محمد رمضان إن الوضع هادئ.", A);
    }

    #[test]
    fn ago_with_digits_and_hours() {
        day(
            "وقتل 5 أشخاص قبل 3 أيام في درعا.",
            A,
            "قبل 3 أيام",
            "2018-04-04",
            Precision::Day,
        );
        day(
            "وصل الوفد قبل 24 ساعة.",
            A,
            "قبل 24 ساعة",
            "2018-04-06",
            Precision::Day,
        );
    }

    #[test]
    fn weekday_before_a_year_less_date_picks_the_matching_year() {
        // 1 July is more than two months after the anchor, which would make it 2017; but
        // 1 July 2018 is the Sunday the text names.
        day(
            "الأحد 1 تموز/يوليو",
            A,
            "الأحد 1 تموز/يوليو",
            "2018-07-01",
            Precision::Day,
        );
    }

    #[test]
    fn current_month_suffix_keeps_the_anchor_year() {
        day(
            "وكان الاتفاق في 2 نيسان الجاري.",
            A,
            "2 نيسان الجاري",
            "2018-04-02",
            Precision::Day,
        );
    }

    #[test]
    fn english_weekday_comma_date_is_one_expression() {
        day(
            "On Friday, April 6, the army said it had entered the town.",
            A,
            "On Friday, April 6",
            "2018-04-06",
            Precision::Day,
        );
    }

    #[test]
    fn outlets_and_counts_are_not_dates() {
        none("Russia Today reported heavy fighting.", A);
        none("The Sunday Times reported heavy fighting.", A);
        none("وتسبب القصف في 2000 منزل مدمر.", A);
    }

    #[test]
    fn day_word_before_numeric_date_and_yesterday() {
        day(
            "يوم 7/4/2018",
            A,
            "يوم 7/4/2018",
            "2018-04-07",
            Precision::Day,
        );
        day(
            "قتل ثلاثة أشخاص يوم أمس.",
            A,
            "يوم أمس",
            "2018-04-06",
            Precision::Day,
        );
    }

    // ---- the contract ----

    #[test]
    fn date_ref_carries_value_precision_text_and_byte_span() {
        let text = "وتجددت المواجهات أمس الجمعة في ريف دمشق.";
        let doc = analyze(text, &Options::default());
        let m = &find_dates(&doc, text, Some(d("2018-04-07")))[0];
        let r = m.to_date_ref(text);
        assert_eq!(r.value.as_deref(), Some("2018-04-06"));
        assert_eq!(r.precision, "day");
        assert_eq!(r.text.as_deref(), Some("أمس الجمعة"));
        assert!(!r.inferred);
        assert_eq!(r.span, Some(m.span));
        assert_eq!(&text[m.span.start..m.span.end], "أمس الجمعة");
        let p = all("خلال اليومين الماضيين", A)[0]
            .1
            .to_date_ref("خلال اليومين الماضيين");
        assert_eq!(p.from.as_deref(), Some("2018-04-05"));
        assert_eq!(p.to.as_deref(), Some("2018-04-06"));
    }

    #[test]
    fn several_dates_in_order_without_overlap() {
        let v = all(
            "الجمعة 15 رمضان 1439 هـ الموافق 29 حزيران 2018، وكان القصف قد توقف أمس.",
            Some("2018-06-29"),
        );
        let texts: Vec<_> = v.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(texts, ["الجمعة 15 رمضان 1439 هـ", "29 حزيران 2018", "أمس"]);
        assert_eq!(v[1].1.value, Some(d("2018-06-29")));
        assert_eq!(v[2].1.value, Some(d("2018-06-28")));
    }

    #[test]
    fn never_panics_on_odd_input() {
        for text in [
            "",
            "أمس",
            "الـ",
            "31/13/2018",
            "0/0/0000",
            "99999999999999999999 نيسان",
            "في في في في في في في في 2018",
            "on on on on on on on on on Friday",
            "ليل السبت -",
            "خلال",
            "قبل 500 يوم",
            "1/2/3/4/5/6",
            "٣١ شباط",
        ] {
            let doc = analyze(text, &Options::default());
            let _ = find_dates(&doc, text, Some(d("0001-01-01")));
            let _ = find_dates(&doc, text, Some(d("9999-12-31")));
            let _ = find_dates(&doc, text, None);
        }
    }

    /// Throughput of `find_dates` alone (run with `--release -- --ignored --nocapture`).
    #[test]
    #[ignore]
    fn throughput_on_five_megabytes() {
        let para = "وتجددت المواجهات أمس الجمعة في ريف دمشق الشرقي، وقال المرصد السوري لحقوق الإنسان إن 12 مدنيا قتلوا خلال الساعات الـ24 الماضية جراء القصف على مدينة دوما في الغوطة الشرقية، فيما أعلنت وزارة الدفاع الروسية خروج دفعة جديدة من المسلحين وعائلاتهم باتجاه جرابلس. Rebels began leaving the town on Monday, state media said, after a deal reached on April 1, 2018.\n";
        let text: String = para.repeat(5_000_000 / para.len());
        let t0 = std::time::Instant::now();
        let doc = analyze(&text, &Options::default());
        let t1 = std::time::Instant::now();
        let v = find_dates(&doc, &text, Some(d("2018-04-07")));
        let t2 = std::time::Instant::now();
        let mb = text.len() as f64 / 1e6;
        println!(
            "{mb:.1} MB, {} tokens, {} dates; analyze {:.0} MB/s, dates {:.0} MB/s",
            doc.tokens.len(),
            v.len(),
            mb / (t1 - t0).as_secs_f64(),
            mb / (t2 - t1).as_secs_f64()
        );
    }
}
