/* cc_qlimit.c -- see cc_qlimit.h. */
#include "cc_qlimit.h"

#include <math.h>

double cc_qlimit_estimated_wait_s(double mean_handle_s, double waiting, double servers)
{
    if (!(servers > 0.0))
        return (double)INFINITY;
    return (waiting + 1.0) * mean_handle_s / servers;
}

double cc_qlimit_balk_probability(const scenario_channel *ch, double ahead, double wait_s)
{
    double p = ch->balk_share;
    if (ch->balk_per_caller_ahead > 0.0)
        p += ch->balk_per_caller_ahead * ahead;
    if (ch->balk_per_announced_minute > 0.0)
        p += ch->balk_per_announced_minute * wait_s / 60.0;
    return p < 1.0 ? p : 1.0;
}
