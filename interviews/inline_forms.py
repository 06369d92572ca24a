"""The article form's interviewee rows: an interviewee chosen in the list, or a
name typed (newsroom.admin.people_rows). A typed name finds only someone who is
not anonymous: finding an anonymous interviewee by their real name would tell
whoever typed it that the name is theirs."""

from newsroom.admin.people_rows import NewPersonRowForm

from .models import ArticleInterviewee, Interviewee


class IntervieweeRowForm(NewPersonRowForm):
    person_field = "interviewee"

    class Meta:
        model = ArticleInterviewee
        fields = ["interviewee", "new_name", "position"]

    def find_people(self, name):
        return Interviewee.objects.filter(is_anonymous=False, name__iexact=name)

    def new_person(self, name):
        return Interviewee(name=name)
