keep = []
loop { keep << "x" * (1 << 20) + keep.size.to_s }
