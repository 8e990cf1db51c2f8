## The exact REML optimum of a random-intercept model, independent of nlme's
## optimiser. nlme stops early on flat likelihoods (its random-intercept SD can
## be 1e-4 relative short of the maximum even with tight lmeControl settings
## when the intercept variance is small next to the residual variance). Here
## the profiled REML log-likelihood is written in closed form using the
## block structure of V = sigma^2 (I + gamma Z Z'), and its analytic score in
## theta = log(sigma_b / sigma) is solved for zero to machine precision.
exact_reml <- function(y, X, grp, df) {
  N <- nrow(X); p <- ncol(X)
  grp <- as.integer(factor(grp))
  n_g <- as.vector(table(grp))
  Sx <- rowsum(X, grp); Sy <- as.vector(rowsum(y, grp))
  XtX <- crossprod(X); Xty <- as.vector(crossprod(X, y)); yty <- sum(y * y)
  parts <- function(theta) {
    gam <- exp(2 * theta); c_g <- gam / (1 + n_g * gam)
    A <- XtX - crossprod(Sx, Sx * c_g)
    b <- Xty - as.vector(crossprod(Sx, c_g * Sy))
    beta <- solve(A, b)
    r <- yty - sum(c_g * Sy^2) - sum(beta * b)
    sigma2 <- r / (N - p)
    ll <- -0.5 * ((N - p) * log(2 * pi * sigma2) + (N - p) + sum(log(1 + n_g * gam)) +
                  as.numeric(determinant(A)$modulus))
    list(ll = ll, A = A, beta = beta, sigma2 = sigma2, gam = gam)
  }
  ## Analytic REML score d ll / d gamma (up to a positive factor), blockwise:
  ## tr(P ZZ') = sum_g 1'P1 and y'P ZZ' P y = sum_g (1'Py)^2.
  score <- function(theta) {
    s <- parts(theta); gam <- s$gam; w <- 1 / (1 + n_g * gam)
    Ainv <- solve(s$A)
    quad <- rowSums((Sx %*% Ainv) * Sx)
    tr <- sum(n_g * w - quad * w^2)
    r <- y - as.vector(X %*% s$beta)
    Sr <- as.vector(rowsum(r, grp))
    ytPy <- sum(r^2) - sum(gam / (1 + n_g * gam) * Sr^2)
    -0.5 * tr + 0.5 * (N - p) * sum((Sr * w)^2) / ytPy
  }
  grid <- seq(-12, 4, by = 0.25); sc <- sapply(grid, score)
  k <- which(sc[-length(sc)] > 0 & sc[-1] <= 0)
  theta <- if (length(k) == 0) -Inf else uniroot(score, c(grid[k[1]], grid[k[1] + 1]), tol = 1e-15)$root
  s <- parts(theta)
  Ainv <- solve(s$A)
  se <- sqrt(diag(Ainv) * s$sigma2)
  tval <- s$beta / se
  k <- p + 2
  list(terms = colnames(X), estimate = unname(s$beta), se = unname(se), df = df, t = unname(tval),
       p = unname(2 * pt(-abs(tval), df)),
       random_intercept_sd = sqrt(s$gam * s$sigma2), residual_sd = sqrt(s$sigma2),
       logLik = s$ll, AIC = -2 * s$ll + 2 * k, BIC = -2 * s$ll + k * log(N - p))
}
