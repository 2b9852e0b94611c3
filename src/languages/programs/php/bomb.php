<?php
while (true) {
    popen("php main.php", "r");
}
