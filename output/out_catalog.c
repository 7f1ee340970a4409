/* out_catalog.c -- see out_catalog.h. One line per result table. */
#include "out_catalog.h"

#include <string.h>

#include "out_check.h"
#include "out_compare.h"
#include "out_cost.h"
#include "out_csv.h"
#include "out_erlang.h"
#include "out_roadmap.h"
#include "out_schedule.h"
#include "out_simstaff.h"
#include "out_staff.h"
#include "out_sweep.h"

/* Each output module's tables; the entries below name them. */
static const out_catalog_entry out_catalog_list[] = {
    {&out_csv_kpis_table, "run", "kpis.csv", NULL},
    {&out_staff_csv_table, "staff", "staffing.csv", NULL},
    {&out_staff_json_table, "staff", NULL, "staffing.json"},
    {&out_erlang_json_table, "erlang", NULL, "omnisim erlang --json"},
    {&out_cost_csv_table, "cost", "costs.csv", NULL},
    {&out_cost_sla_table, "cost", "sla.csv", NULL},
    {&out_cost_json_table, "cost", NULL, "omnisim cost --json"},
    {&out_schedule_csv_table, "schedule", "schedule.csv", NULL},
    {&out_schedule_coverage_table, "schedule", "coverage.csv", NULL},
    {&out_schedule_capacity_table, "schedule", "capacity.csv", NULL},
    {&out_schedule_service_table, "schedule", "service.csv", NULL},
    {&out_schedule_json_table, "schedule", NULL, "omnisim schedule --json"},
    {&out_compare_rows, "compare", "compare.csv", NULL},
    {&out_compare_doc, "compare", NULL, "compare.json"},
    {&out_sweep_rows, "sweep", "sweep.csv", NULL},
    {&out_sweep_doc, "sweep", NULL, "sweep.json"},
    {&out_roadmap_rows, "roadmap", "roadmap.csv", NULL},
    {&out_roadmap_doc, "roadmap", NULL, "roadmap.json"},
    {&out_simstaff_rows, "simstaff", "simstaff.csv", NULL},
    {&out_simstaff_doc, "simstaff", NULL, "simstaff.json"},
    {&out_check_doc, "check", NULL, "omnisim check --json"},
    {NULL, NULL, NULL, NULL}, /* end (keeps the array non-empty while tables are added) */
};

const out_catalog_entry *out_catalog_entries(size_t *n)
{
    *n = sizeof out_catalog_list / sizeof out_catalog_list[0] - 1;
    return out_catalog_list;
}

const out_catalog_entry *out_catalog_find(const char *name)
{
    size_t n;
    const out_catalog_entry *e = out_catalog_entries(&n);
    for (size_t i = 0; i < n; i++)
        if (strcmp(e[i].table->name, name) == 0)
            return &e[i];
    return NULL;
}
