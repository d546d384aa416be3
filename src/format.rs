//! How numbers and dates read on the page.
use time::Date;

/// `95000` -> `$95K`, `999600` -> `$1M`, `1250000` -> `$1.2M`, `800` -> `$800`;
/// other currencies get their code.
pub fn money_short(amount: i64, currency: &str) -> String {
    let sign = if amount < 0 { "-" } else { "" };
    let d = amount.unsigned_abs();
    let thousands = (d + 500) / 1000;
    let body = if d < 1000 {
        d.to_string()
    } else if thousands < 1000 {
        format!("{thousands}K")
    } else {
        let tenths = (d + 50_000) / 100_000;
        match tenths % 10 {
            0 => format!("{}M", tenths / 10),
            t => format!("{}.{t}M", tenths / 10),
        }
    };
    format!("{sign}{}", with_currency(&body, currency))
}

/// `$95K–$150K`.
pub fn salary_range(min: i64, max: i64, currency: &str) -> String {
    format!(
        "{}\u{2013}{}",
        money_short(min, currency),
        money_short(max, currency)
    )
}

/// `135980` -> `$135,980`.
pub fn money_full(amount: i64, currency: &str) -> String {
    let sign = if amount < 0 { "-" } else { "" };
    format!(
        "{sign}{}",
        with_currency(&thousands(amount.abs()), currency)
    )
}

/// `2905` cents -> `$29.05` (hourly wages).
pub fn cents(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let c = cents.unsigned_abs();
    format!("{sign}${}.{:02}", thousands((c / 100) as i64), c % 100)
}

/// How `value` compares with `base`, in whole percent: `12% above`,
/// `8% below`, or `the same as` (within half a percent).
pub fn relative(value: i64, base: i64) -> String {
    if base <= 0 {
        return "compared with".to_owned();
    }
    let pct = ((value as f64 - base as f64) / base as f64 * 100.0).round() as i64;
    match pct {
        0 => "the same as".to_owned(),
        p if p > 0 => format!("{p}% above"),
        p => format!("{}% below", -p),
    }
}

/// `value` against `base` as a signed whole percentage: `+18%`, `−5%`
/// (a true minus sign), `0%`.
pub fn signed_percent(value: i64, base: i64) -> String {
    if base <= 0 {
        return "–".to_owned();
    }
    let pct = ((value as f64 - base as f64) / base as f64 * 100.0).round() as i64;
    match pct {
        0 => "0%".to_owned(),
        p if p > 0 => format!("+{p}%"),
        p => format!("\u{2212}{}%", -p),
    }
}

pub fn thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

fn with_currency(amount: &str, currency: &str) -> String {
    match currency {
        "USD" => format!("${amount}"),
        "EUR" => format!("€{amount}"),
        "GBP" => format!("£{amount}"),
        other => format!("{other} {amount}"),
    }
}

/// `2026-11-29` -> `November 29, 2026`.
pub fn long_date(date: Date) -> String {
    format!("{} {}, {}", date.month(), date.day(), date.year())
}

/// Parses the `YYYY-MM-DD` dates the database stores.
pub fn parse_date(text: &str) -> Option<Date> {
    Date::parse(
        text,
        time::macros::format_description!("[year]-[month]-[day]"),
    )
    .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_money() {
        assert_eq!(salary_range(95_000, 150_000, "USD"), "$95K–$150K");
        assert_eq!(money_short(87_600, "USD"), "$88K");
        assert_eq!(money_short(1_249_999, "USD"), "$1.2M");
        assert_eq!(money_short(999_600, "USD"), "$1M");
        assert_eq!(money_short(-95_000, "USD"), "-$95K");
        assert_eq!(money_short(0, "USD"), "$0");
        assert_eq!(money_short(2_000_000, "USD"), "$2M");
        assert_eq!(money_short(900, "CHF"), "CHF 900");
        assert_eq!(money_full(135_980, "USD"), "$135,980");
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(thousands(12), "12");
        assert_eq!(cents(2905), "$29.05");
        assert_eq!(cents(14_368), "$143.68");
        assert_eq!(cents(5), "$0.05");
        assert_eq!(relative(112_000, 100_000), "12% above");
        assert_eq!(relative(92_000, 100_000), "8% below");
        assert_eq!(relative(100_400, 100_000), "the same as");
        assert_eq!(signed_percent(118_000, 100_000), "+18%");
        assert_eq!(signed_percent(95_000, 100_000), "\u{2212}5%");
        assert_eq!(signed_percent(100_000, 100_000), "0%");
    }

    #[test]
    fn formats_dates() {
        let d = parse_date("2026-11-29").unwrap();
        assert_eq!(long_date(d), "November 29, 2026");
        assert!(parse_date("2026-13-01").is_none());
    }
}
