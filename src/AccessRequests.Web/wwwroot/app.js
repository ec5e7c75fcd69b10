// Focus the error summary of a refused form, so keyboard and screen-reader users land on what went wrong.
(function () {
    function focusErrors() {
        var summary = document.querySelector('[data-error-summary]');
        if (summary) { summary.focus(); }
    }
    document.addEventListener('DOMContentLoaded', focusErrors);
})();
