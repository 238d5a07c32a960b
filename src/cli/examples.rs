//! The examples at the end of every command's `--help`.

pub(super) const SOLVE: &str = "\
Examples:
  burden solve scenarios/nato-100bn.yaml
  burden solve scenarios/nato-100bn.yaml --set bilateral_credit=1 -o plan.xlsx
  burden init | burden solve -            (a scenario from standard input)";

pub(super) const VALIDATE: &str = "\
Examples:
  burden validate scenarios/*.yaml
  burden validate - < my-scenario.yaml";

pub(super) const TRACK: &str = "\
Examples:
  burden track scenarios/nato-100bn.yaml --actuals scenarios/nato-100bn-actuals-2025.yaml
  burden actuals-template scenarios/nato-100bn.yaml --years 2025 -o actuals.yaml";

pub(super) const REPLAN: &str = "\
Examples:
  burden replan scenarios/nato-100bn.yaml --actuals scenarios/nato-100bn-actuals-2025.yaml
  burden replan scenarios/nato-100bn.yaml --actuals actuals.csv --policy forgive";

pub(super) const COMPARE: &str = "\
Examples:
  burden compare scenarios/nato-100bn.yaml scenarios/nato-100bn-full-credit.yaml
  burden compare scenarios/nato-100bn.yaml --label base \\
                 scenarios/nato-100bn.yaml --set bilateral_credit=1 --label \"full credit\"";

pub(super) const SWEEP: &str = "\
Examples:
  burden sweep scenarios/nato-100bn.yaml --vary bilateral_credit=0:1:0.25
  burden sweep scenarios/nato-100bn.yaml --vary allies.USA.max=20000,30000 -o sweep.csv";

pub(super) const REPORT: &str = "\
Examples:
  burden report scenarios/nato-100bn.yaml -o report.html
  burden report scenarios/nato-100bn.yaml scenarios/nato-100bn-us-capped.yaml -o compare.xlsx";

pub(super) const EXPLAIN: &str = "\
Examples:
  burden explain scenarios/nato-100bn.yaml --ally USA --ally POL
  burden explain scenarios/nato-100bn.yaml -f json -o explain.json
  burden explain scenarios/nato-100bn.yaml --ally DEU -o explain.html";

pub(super) const INIT: &str = "\
Examples:
  burden init -o my-fund.yaml && burden validate my-fund.yaml
  burden init --from data/allies.csv -o my-fund.yaml
  burden init --from allies.xlsx --sheet Allies -o my-fund.yaml";

pub(super) const ACTUALS_TEMPLATE: &str = "\
Examples:
  burden actuals-template scenarios/nato-100bn.yaml --years 2025 -o actuals-2025.yaml
  burden actuals-template scenarios/nato-100bn.yaml --years 2025,2026 -o actuals.csv";

pub(super) const SCHEMA: &str = "\
Examples:
  burden schema -o burden.schema.json
  then, as the first line of a scenario:
  # yaml-language-server: $schema=burden.schema.json";

pub(super) const COMPLETIONS: &str = "\
Examples:
  burden completions bash > ~/.local/share/bash-completion/completions/burden
  burden completions zsh > ~/.zfunc/_burden
  burden completions fish > ~/.config/fish/completions/burden.fish
  burden completions powershell >> $PROFILE";

pub(super) const MAN: &str = "\
Examples:
  burden man > burden.1 && man ./burden.1
  burden man solve -o burden-solve.1";
