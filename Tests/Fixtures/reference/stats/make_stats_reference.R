# Reference values for Tests/StatsTests (R 4.2.2, nlme 3.1-162, jsonlite).
# Run from the repository root:
#   Rscript Tests/Fixtures/reference/stats/make_stats_reference.R
# Writes Tests/Fixtures/reference/stats/stats_reference.json.
suppressPackageStartupMessages({ library(jsonlite); library(nlme) })
out_dir <- "Tests/Fixtures/reference/stats"
ref <- list()

# --- distributions --------------------------------------------------------
tcases <- data.frame(t = c(-3.5, -1, 0, 0.5, 2.0, 3.53033508543974, 7.05941071731407,
                           30.4245599284956, -25.5980235080471, 1e-8, 40),
                     df = c(3, 1, 10, 2.5, 256.568001606076, 256.568001606076,
                            267.647426890498, 1064, 1064, 8, 8))
tcases$cdf <- pt(tcases$t, tcases$df)
tcases$two_sided_p <- 2 * pt(-abs(tcases$t), tcases$df)
ref$student_t <- tcases

fcases <- data.frame(f = c(0.5, 1, 2.5, 0.00577341482916717, 63.0972348615079, 1472.78208659021, 300),
                     df1 = c(1, 3, 4, 1, 1, 1, 7),
                     df2 = c(10, 20, 208, 8, 1064, 1064, 200))
fcases$upper <- pf(fcases$f, fcases$df1, fcases$df2, lower.tail = FALSE)
ref$f_upper <- fcases

ref$normal_cdf <- data.frame(z = c(-37, -10, -3, -1.5, 0, 0.3, 1.96, 5, 8.5),
                             p = pnorm(c(-37, -10, -3, -1.5, 0, 0.3, 1.96, 5, 8.5)))
qp <- c(1e-300, 1e-20, 1e-5, 0.001, 0.025, 0.3, 0.5, 0.7, 0.975, 0.999, 1 - 1e-12)
ref$normal_quantile <- data.frame(p = qp, z = qnorm(qp))

bcases <- data.frame(x = c(0.1, 0.5, 0.9, 0.999, 0.3, 0.5349, 0.02),
                     a = c(2, 0.5, 5, 532, 10, 532, 0.7),
                     b = c(3, 0.5, 1.5, 0.5, 200, 0.5, 40))
bcases$value <- pbeta(bcases$x, bcases$a, bcases$b)
ref$incomplete_beta <- bcases
ref$log_gamma <- data.frame(x = c(0.5, 1, 3.7, 532, 1e-3, 100.25), value = lgamma(c(0.5, 1, 3.7, 532, 1e-3, 100.25)))

# --- ranks, medians, quantiles -------------------------------------------
rv <- list(c(3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5),
           c(0.25, -1, 0.25, 0.25, 7, -1),
           c(2, 2, 2, 2),
           c(10.5))
ref$ranking <- lapply(rv, function(v) list(values = v, ascending = rank(v), descending = rank(-v)))
mv <- list(c(5, 3, 1, 4), c(7, 2, 9), c(131.25, 131.75), c(1, 2, 3, 4, 100, 6))
ref$median <- lapply(mv, function(v) list(values = v, median = median(v)))
qv <- c(3.2, 1, 7, 7, 2.5, 10, 4.75, 0)
ref$quantile7 <- list(values = qv, probs = c(0, 0.1, 0.25, 0.5, 0.75, 0.9, 1),
                      quantiles = unname(quantile(qv, c(0, 0.1, 0.25, 0.5, 0.75, 0.9, 1), type = 7)),
                      iqr = IQR(qv))

# --- multiple comparisons -------------------------------------------------
pl <- list(c(0.01, 0.04, 0.03, 0.005, 0.2, 0.04),
           c(0.000491823893783146, 0.000108166817457466, 0.000929956088565033, 1.43753921517845e-11),
           c(0.5, 0.9, 0.8))
ref$p_adjust <- lapply(pl, function(p) list(p = p, bh = p.adjust(p, "BH"), bonferroni = p.adjust(p, "bonferroni")))

# --- Welch on small samples ----------------------------------------------
wx <- c(4.1, 5.3, 6.2, 5.8, 4.9, 7.0); wy <- c(3.0, 2.8, 4.4, 3.9, 5.1, 2.2, 3.3, 4.0)
w <- t.test(wx, wy)
ref$welch_small <- list(x = wx, y = wy, t = unname(w$statistic), df = unname(w$parameter), p = w$p.value)

# --- kernel density -------------------------------------------------------
d <- read.csv("Tests/Fixtures/reference/big2/fig1_big2_rank_results.csv")
panel <- d$sum_value[d$Category == "Agency" & d$prompt_framing == "positive" & d$base_model == "Gemma"]
exact_kde <- function(x, bw, grid) sapply(grid, function(g) sum(dnorm((g - x) / bw)) / (length(x) * bw))
kde_case <- function(x) {
  bw <- bw.nrd0(x)
  grid <- seq(min(x) - 3 * bw, max(x) + 3 * bw, length.out = 16)
  list(x = x, bw = bw, grid = grid, density = exact_kde(x, bw, grid))
}
ref$kde <- list(kde_case(panel),
                kde_case(c(1, 1, 1, 1, 1, 1, 2, 10)),      # IQR = 0: falls back to sd
                kde_case(c(-2.5, 0.3, 1.1, 4.8, 2.2)))

# --- design-matrix names ---------------------------------------------------
cats <- c("Authority", "Care", "Fairness", "Loyalty", "Sanctity")
g5 <- expand.grid(framing = factor(c("positive", "negative"), levels = c("positive", "negative")),
                  category = factor(cats, levels = cats),
                  family = factor(c("Gemma", "Llama"), levels = c("Gemma", "Llama")))
g5 <- g5[, c("family", "category", "framing")]
mm5 <- model.matrix(~ family * category * framing, g5)
ref$design_5level <- list(family = as.character(g5$family), category = as.character(g5$category),
                          framing = as.character(g5$framing), names = colnames(mm5),
                          values = as.vector(mm5))
g4 <- expand.grid(a = factor(c("a0", "a1")), b = factor(c("b0", "b1", "b2")),
                  c = factor(c("c0", "c1")), d = factor(c("d0", "d1")))
ref$design_4factor <- list(a = as.character(g4$a), b = as.character(g4$b), c = as.character(g4$c),
                           d = as.character(g4$d), names = colnames(model.matrix(~ a * b * c * d, g4)))

# --- an unbalanced mixed model with a 3-level between-group factor ---------
set.seed(20240611)
ng <- 9
sizes <- c(12, 7, 15, 9, 11, 6, 14, 10, 8)
grp <- rep(seq_len(ng), sizes)
fam <- factor(c("A", "B", "C")[((seq_len(ng) - 1) %% 3) + 1][grp], levels = c("A", "B", "C"))
cond <- factor(sample(c("lo", "hi"), length(grp), replace = TRUE), levels = c("lo", "hi"))
y <- 50 + c(0, 3, -2)[as.integer(fam)] + 4 * (cond == "hi") + rnorm(ng, 0, 2.5)[grp] + rnorm(length(grp), 0, 3)
y <- round(y, 3)
m <- lme(y ~ fam * cond, random = ~ 1 | grp, method = "REML")
tt <- summary(m)$tTable
ref$lmm_unbalanced <- list(
  y = y, group = grp, family = as.character(fam), condition = as.character(cond),
  terms = rownames(tt), estimate = unname(tt[, "Value"]), se = unname(tt[, "Std.Error"]),
  df = unname(tt[, "DF"]), t = unname(tt[, "t-value"]), p = unname(tt[, "p-value"]),
  random_intercept_sd = as.numeric(exp(attr(m$apVar, "Pars")["reStruct.grp"])),
  residual_sd = m$sigma, logLik = as.numeric(logLik(m)), AIC = AIC(m), BIC = BIC(m))
# apVar's "Pars" holds log(sd); fall back to the variance components if absent
if (length(ref$lmm_unbalanced$random_intercept_sd) == 0)
  ref$lmm_unbalanced$random_intercept_sd <- sqrt(as.numeric(getVarCov(m)))


# --- exact REML optima ------------------------------------------------------
# nlme stops its optimiser early: on the Big Two model its random-intercept SD
# is 1.1e-4 (relative) short of the REML maximum (its logLik is below the
# maximum), which moves SEs, t and p by up to ~2.5e-4 relative. These
# references solve the REML score equation with dense matrices to machine
# precision instead (uniroot on the analytic score), and check the result
# against nlme run with tight convergence tolerances.
exact_reml <- function(y, X, grp, df) {
  N <- nrow(X); p <- ncol(X)
  ZZ <- outer(grp, grp, "==") * 1
  parts <- function(theta) {
    gam <- exp(2 * theta)
    H <- diag(N) + gam * ZZ
    Hi <- solve(H)
    A <- t(X) %*% Hi %*% X
    P <- Hi - Hi %*% X %*% solve(A, t(X) %*% Hi)
    Py <- P %*% y
    list(H = H, A = A, Hi = Hi, P = P, yPy = sum(y * Py),
         score = -0.5 * sum(P * ZZ) + 0.5 * (N - p) * sum(Py * (ZZ %*% Py)) / sum(y * Py))
  }
  root <- uniroot(function(th) parts(th)$score, c(-6, 3), tol = 1e-14)$root
  s <- parts(root)
  sigma2 <- s$yPy / (N - p)
  Ainv <- solve(s$A)
  beta <- as.vector(Ainv %*% t(X) %*% s$Hi %*% y)
  se <- sqrt(diag(Ainv) * sigma2)
  tval <- beta / se
  ll <- -0.5 * ((N - p) * log(2 * pi * sigma2) + (N - p) +
                as.numeric(determinant(s$H)$modulus) + as.numeric(determinant(s$A)$modulus))
  k <- p + 2
  list(terms = colnames(X), estimate = beta, se = se, df = df, t = tval,
       p = 2 * pt(-abs(tval), df), random_intercept_sd = sqrt(exp(2 * root) * sigma2),
       residual_sd = sqrt(sigma2), logLik = ll, AIC = -2 * ll + 2 * k, BIC = -2 * ll + k * log(N - p))
}
check_against_tight_nlme <- function(ex, fit_call) {
  ctl <- lmeControl(msTol = 1e-12, tolerance = 1e-12, niterEM = 0, msMaxIter = 1000,
                    maxIter = 1000, msMaxEval = 5000, returnObject = TRUE)
  m <- eval(fit_call)
  sb <- sqrt(as.numeric(getVarCov(m)))
  stopifnot(abs(sb / ex$random_intercept_sd - 1) < 2e-6,
            abs(m$sigma / ex$residual_sd - 1) < 1e-7,
            abs(as.numeric(logLik(m)) / ex$logLik - 1) < 1e-12,
            max(abs(fixef(m) / ex$estimate - 1)) < 1e-6)
}
d$base_model <- factor(d$base_model, levels = c("Gemma", "Llama"))
d$Category <- factor(d$Category, levels = c("Agency", "Communion"))
d$prompt_framing <- factor(d$prompt_framing, levels = c("positive", "negative"))
Xb <- model.matrix(~ base_model * Category * prompt_framing, d)
gb <- as.integer(factor(d$model_id))
ex_big2 <- exact_reml(d$sum_value, Xb, gb, c(1064, 8, rep(1064, 6)))
check_against_tight_nlme(ex_big2, quote(lme(sum_value ~ base_model * Category * prompt_framing,
  random = ~ 1 | model_id, data = d, method = "REML", control = ctl)))
ref$lmm_big2_exact <- ex_big2

du <- data.frame(y = y, grp = grp, fam = fam, cond = cond)
ex_unb <- exact_reml(y, model.matrix(~ fam * cond, du), grp, c(80, 6, 6, 80, 80, 80))
check_against_tight_nlme(ex_unb, quote(lme(y ~ fam * cond, random = ~ 1 | grp, data = du,
  method = "REML", control = ctl)))
ref$lmm_unbalanced_exact <- ex_unb

writeLines(toJSON(ref, digits = NA, auto_unbox = TRUE, pretty = TRUE),
           file.path(out_dir, "stats_reference.json"))
