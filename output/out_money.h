/* out_money.h -- euros as the commands' text output writes them: thousands separators,
 * whole euros or cents ("7,799,238", "-12,345.67"); "-" for NaN and infinities.
 *
 * What it is: one formatter for every table printed on stdout (cost, compare, roadmap), so
 * no text output shows money as 7.8074e+06. What it is not: the files' format (CSV and JSON
 * keep plain digits, output/out_rows.h) or the report's (report.c).
 */
#ifndef OUT_MONEY_H
#define OUT_MONEY_H

#include <stddef.h>

/* x euros with `decimals` (0..2) places and a comma every three digits into buf (size n);
 * returns buf. */
const char *out_money_eur(double x, int decimals, char *buf, size_t n);

/* 1 when the KPI name `name` is an amount of euros ("cost.year_eur", "sla.penalty_eur"),
 * with *decimals 2 for a per-contact or per-need amount and 0 for the others; else 0. */
int out_money_is_eur_kpi(const char *name, int *decimals);

#endif /* OUT_MONEY_H */
