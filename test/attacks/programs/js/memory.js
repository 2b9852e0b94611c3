// Off-heap Buffers filled with data: V8's heap cap does not see them, the cgroup does (MLE).
const blocks = [];
for (;;) blocks.push(Buffer.alloc(1 << 20, 1));
