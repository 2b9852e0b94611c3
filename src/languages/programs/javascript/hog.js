const keep = [];
for (;;) keep.push(new Array(1 << 17).fill(keep.length));
