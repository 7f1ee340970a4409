#!/usr/bin/env python3
"""erlang_reference.py -- high-precision reference values for models/queueing/erlang.c.

Writes tests/data/erlang_reference.csv (run from the repository root, or pass the output
path). The C tests read that file; python is not needed at test time.

Method: mpmath at 60 significant digits, evaluated at the exact double values printed in
the CSV (every input is printed with 17 significant digits, so C reads back the same double).

  Erlang B   B(n, a) = pois(n; a) / Q(n + 1, a), pois(n; a) = a^n e^-a / Gamma(n + 1),
             Q the regularized upper incomplete gamma (the continuous extension in n; for
             whole n it equals the textbook sum, which the script checks for n <= 60).
  Erlang C   C = n B / (n - a + a B); SL(t) = 1 - C exp(-(n - a) t / aht);
             ASA = C aht / (n - a).
  Erlang A   M/M/n+M, Garnett, Mandelbaum & Reiman (2002) and Mandelbaum & Zeltyn's
             summary of M/M/n+G measures: with x = n mu / theta, y = lambda / theta,
             S = A(x, y) = 1 + e^y y^-x gamma(x + 1, y) (a Kummer function),
             P(W > 0) = S B / (1 + (S - 1) B),
             P(Ab | W > 0) = 1 - 1/rho + 1/(rho S), rho = y / x,
             P(answered, V <= t | W > 0) = (x / y)(1 - 1/S)
                 * [P(x+1, y) - P(x+1, y e^{-theta t})] / P(x+1, y),
             E[V; answered | W > 0] = (c / S) int_0^inf v exp(-(c + theta) v
                 + y (1 - e^{-theta v})) dv, c = n mu (evaluated by quadrature here).
  Independent check: for small systems the script also solves the truncated birth-death
  chain directly and takes each waiting customer's offered wait as a hypoexponential sum
  (rates c + j theta), integrating against its own exponential patience in closed form;
  it asserts agreement with the closed forms to 1e-25.

Values whose true size is below 1e-300 are written as they round to double (0 or a
subnormal); the test compares those with an absolute bound (see tests/test_erlang.c).
"""
import csv
import os
import sys

import mpmath as mp

mp.mp.dps = 60
INF = mp.inf


def reg_lower_p(s, z):
    """Regularized lower incomplete gamma P(s, z) without cancellation."""
    if z == 0:
        return mp.mpf(0)
    if z < s:
        # series z^s e^-z / Gamma(s+1) * sum_k z^k / ((s+1)...(s+k)), all terms positive
        term = mp.mpf(1)
        total = mp.mpf(1)
        k = 0
        while True:
            k += 1
            term *= z / (s + k)
            total += term
            if term < total * mp.mpf(10) ** (-(mp.mp.dps + 5)):
                break
        return mp.exp(s * mp.log(z) - z - mp.loggamma(s + 1)) * total
    return 1 - mp.gammainc(s, z, INF, regularized=True)


def log_pois(n, a):
    return n * mp.log(a) - a - mp.loggamma(n + 1)


def erlang_b(n, a):
    q = mp.gammainc(n + 1, a, INF, regularized=True)
    return mp.exp(log_pois(n, a)) / q


def erlang_b_sum(n, a):
    n = int(n)
    terms = [a ** k / mp.factorial(k) for k in range(n + 1)]
    return terms[-1] / mp.fsum(terms)


def erlang_a_S(x, y):
    """S = 1 + e^y y^-x gamma(x+1, y) = 1 + P(x+1, y) / pois(x; y)."""
    return 1 + reg_lower_p(x + 1, y) * mp.exp(-log_pois(x, y))


def erlang_a_served_wait(x, y, theta, S):
    """E[V; answered | W > 0] by quadrature of the conditional offered-wait density."""
    c = x * theta
    logS = mp.log(S)

    def f(v):
        return c * v * mp.exp(-(c + theta) * v + y * (1 - mp.exp(-theta * v)) - logS)

    def g(v):  # the density itself, to check that it integrates to 1
        return c * mp.exp(-c * v + y * (1 - mp.exp(-theta * v)) - logS)

    vstar = mp.log(y / (x + 1)) / theta if y > x + 1 else mp.mpf(0)
    width = 1 / (theta * mp.sqrt(min(y, x + 1)))
    if y < x + 1:
        width = min(width, 1 / (theta * (x + 1 - y)))
    pts = [mp.mpf(0)]
    for k in [-40, -20, -10, -5, -2, -1, 0, 1, 2, 5, 10, 20, 40, 80]:
        p = vstar + k * width
        if p > pts[-1]:
            pts.append(p)
    pts.append(INF)
    mass = mp.quad(g, pts)
    assert abs(mass - 1) < mp.mpf(10) ** -25, ("density mass", x, y, mass)
    return mp.quad(f, pts)


def birth_death_check(n, lam, mu, theta, t, got):
    """Brute force for small whole n: truncated chain plus hypoexponential waits."""
    n = int(n)
    K = 400
    w = [mp.mpf(1)]
    for j in range(1, n + K):
        death = j * mu if j <= n else n * mu + (j - n) * theta
        w.append(w[-1] * lam / death)
    z = mp.fsum(w)
    pi = [v / z for v in w]
    assert pi[-1] < mp.mpf(10) ** -45, "truncation too short"
    p_wait = mp.fsum(pi[n:])
    p_ab = theta * mp.fsum((j - n) * pi[j] for j in range(n, len(pi))) / lam
    sl = mp.fsum(pi[:n])  # answered at once
    served_wait = mp.mpf(0)
    for k in range(0, K):
        if pi[n + k] < mp.mpf(10) ** -48:
            break
        rates = [n * mu + j * theta for j in range(k + 1)]
        # hypoexponential density sum_j coef_j r_j e^{-r_j v}; high precision absorbs the
        # alternating signs
        p_met = mp.mpf(0)
        e_v = mp.mpf(0)
        for j, r in enumerate(rates):
            coef = mp.mpf(1)
            for i, ri in enumerate(rates):
                if i != j:
                    coef *= ri / (ri - r)
            # int_0^t r e^{-r v} e^{-theta v} dv and int_0^inf v r e^{-(r+theta) v} dv
            p_met += coef * r / (r + theta) * (1 - mp.exp(-(r + theta) * t))
            e_v += coef * r / (r + theta) ** 2
        sl += pi[n + k] * p_met
        served_wait += pi[n + k] * e_v
    asa = served_wait / (1 - p_ab)
    for name, ref in (("p_wait", p_wait), ("p_abandon", p_ab), ("service_level", sl),
                      ("asa", asa)):
        assert abs(got[name] - ref) <= mp.mpf(10) ** -25 * abs(ref), (name, got[name], ref)


def compute(n, lam, aht, pat, t):
    # mpf(float(text)) is the exact double the C test reads (mpf(text) would be the decimal)
    n, lam, aht, pat, t = (mp.mpf(float(v)) for v in (n, lam, aht, pat, t))
    a = lam * aht
    mu = 1 / aht
    B = erlang_b(n, a)
    if n == int(n) and n <= 60:
        assert abs(B - erlang_b_sum(n, a)) <= mp.mpf(10) ** -40 * B
    r = {"erlang_b": B}
    if pat == 0:
        assert n > a
        C = n * B / (n - a + a * B)
        r["p_wait"] = C
        r["p_abandon"] = mp.mpf(0)
        not_c = (n - a) * (1 - B) / (n - a + a * B)  # 1 - C without cancellation
        r["service_level"] = not_c + C * (1 - mp.exp(-(n - a) * t / aht))
        r["service_level_answered"] = r["service_level"]
        r["asa"] = C * aht / (n - a)
        r["mean_wait"] = r["asa"]
        r["occupancy"] = a / n
        return r
    theta = 1 / pat
    x = n * mu / theta
    y = lam / theta
    rho = y / x
    S = erlang_a_S(x, y)
    pw = S * B / (1 + (S - 1) * B)
    p_now = (1 / B - 1) / (1 / B - 1 + S)  # 1 - P(W > 0) without cancellation
    ab_cond = 1 - 1 / rho + 1 / (rho * S)
    served_cond = (x / y) * (1 - 1 / S)
    assert abs(ab_cond + served_cond - 1) < mp.mpf(10) ** -30
    u = mp.exp(-theta * t)
    p_top = reg_lower_p(x + 1, y)
    if y * u > x + 1:  # both in the upper tail: difference of the small upper tails
        diff = (mp.gammainc(x + 1, y * u, INF, regularized=True)
                - mp.gammainc(x + 1, y, INF, regularized=True))
    else:
        diff = p_top - reg_lower_p(x + 1, y * u)
    frac = diff / p_top
    p_ab = pw * ab_cond
    sl = p_now + pw * served_cond * frac
    ev = erlang_a_served_wait(x, y, theta, S)
    r["p_wait"] = pw
    r["p_abandon"] = p_ab
    r["service_level"] = sl
    r["service_level_answered"] = sl / (p_now + pw * served_cond)
    r["asa"] = pw * ev / (p_now + pw * served_cond)
    r["mean_wait"] = p_ab / theta
    r["occupancy"] = lam * (1 - p_ab) * aht / n
    if n == int(n) and n <= 40 and x + y < 2000:
        with mp.workdps(150):  # the hypoexponential sums alternate in sign
            birth_death_check(n, lam, mu, theta, t, r)
    return r


def cases():
    """(label, agents, rate per second, aht s, patience s (0: none), threshold s)."""
    out = []
    # Erlang C, typical centres (aht 180 or 300 s, 20 s or NEN 8878's 15 s)
    for n, per_hour in [(1, 6), (2, 20), (5, 50), (10, 100), (25, 250), (60, 600),
                        (50, 500), (120, 1300), (300, 3400)]:
        out.append(("typical", n, per_hour / 3600, 300, 0, 20))
        out.append(("typical", n, per_hour / 3600, 180, 0, 15))
    # tiny loads
    out += [("tiny", 1, 1e-3 / 256, 256, 0, 0), ("tiny", 1, 1e-9 / 256, 256, 0, 20),
            ("tiny", 2, 0.5 / 256, 256, 0, 20), ("tiny", 0.5, 0.1 / 256, 256, 0, 20),
            ("tiny", 3, 1e-6 / 256, 256, 0, 15)]
    # near saturation and very large (aht 256 s keeps a = rate * aht exact)
    for n, a in [(1, 0.999), (10, 9.99), (100, 99.9), (1000, 999), (1000, 999.999),
                 (10000, 9999), (10000, 9990), (10000, 9900), (10000, 9000), (10000, 5000),
                 (100000, 99999), (100000, 99999.999), (100000, 99990), (100000, 99900),
                 (100000, 99000), (100000, 90000), (100000, 50000), (100000, 1000),
                 (1000, 10), (200, 100)]:
        for t in (0, 15, 256):
            out.append(("large" if n >= 1000 else "saturation", n, a / 256, 256, 0, t))
    # fractional agents
    for n, a in [(1.5, 1.2), (10.25, 8.0), (99.9, 90.0), (12345.6, 12300.0), (0.75, 0.5)]:
        out.append(("fractional", n, a / 256, 256, 0, 20))
    # Erlang A: the shared benchmark's case (lam 10/min, AHT 3 min, 35 agents, patience
    # 2 min, 20 s), then typical, small, overloaded and very large cases
    out.append(("erlang_a", 35, 10 / 60, 180, 120, 20))
    for n, per_hour, aht, pat, t in [(1, 10, 300, 60, 20), (3, 40, 180, 120, 15),
                                    (10, 100, 300, 180, 20), (10, 150, 300, 180, 20),
                                    (25, 300, 300, 90, 15), (50, 500, 300, 600, 20),
                                    (50, 960, 300, 120, 20), (100, 1500, 240, 300, 30),
                                    (5, 120, 180, 30, 20), (2, 200, 180, 600, 60)]:
        out.append(("erlang_a", n, per_hour / 3600, aht, pat, t))
    for n, a, pat in [(1, 5, 64), (1, 0.5, 64), (50, 80, 128), (10000, 12000, 128),
                      (10000, 9999, 512), (10000, 9000, 64), (100000, 99999, 4096),
                      (100000, 99999, 64), (100000, 150000, 512), (100000, 90000, 128),
                      (100000, 10000, 64), (1000, 5000, 32), (2.5, 3.0, 128),
                      (4321.5, 4000.0, 256)]:
        for t in (0, 15, 256):
            out.append(("erlang_a_large" if n >= 1000 else "erlang_a", n, a / 256, 256, pat, t))
    return out


FIELDS = ["erlang_b", "p_wait", "p_abandon", "service_level", "service_level_answered",
          "asa", "mean_wait", "occupancy"]


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join("tests", "data",
                                                              "erlang_reference.csv")
    rows = []
    for label, n, lam, aht, pat, t in cases():
        inputs = [repr(float(v)) for v in (n, lam, aht, pat, t)]
        r = compute(*inputs)
        rows.append([label] + inputs + [repr(float(r[f])) for f in FIELDS])
    with open(path, "w", newline="") as fh:
        fh.write("# generated by tests/erlang_reference.py (mpmath %s, %d digits); do not edit\n"
                 % (mp.__version__, mp.mp.dps))
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["case", "agents", "rate_per_s", "aht_s", "patience_s", "threshold_s"] + FIELDS)
        w.writerows(rows)
    print("wrote %d cases to %s" % (len(rows), path))


if __name__ == "__main__":
    main()
