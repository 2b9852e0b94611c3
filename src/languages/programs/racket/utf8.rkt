#lang racket/base
(displayln "héllo wörld ✓ 日本語")
