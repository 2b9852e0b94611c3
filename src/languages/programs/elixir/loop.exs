defmodule Spin do
  def loop(n), do: loop(rem(n + 1, 1000))
end

Spin.loop(0)
